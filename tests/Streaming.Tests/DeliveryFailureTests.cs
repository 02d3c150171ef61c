using System.Diagnostics;
using Orleans.Runtime;
using Orleans.Streams;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Streaming.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DeliveryFailureTests(PostgresServer server)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_failed_delivery_comes_back_after_an_exponential_backoff_and_the_last_failure_dead_letters_it()
    {
        await using var db = await StreamDatabase.CreateAsync(server, options =>
        {
            options.MaxAttempts = 3;
            options.RetryBackoff = TimeSpan.FromMilliseconds(400);
        });
        var stream = StreamId.Create("users", "6");
        await db.ProduceAsync(stream, new TestEvent("always-fails"));
        var queueId = db.QueueOf(stream);
        var receiver = await db.ReceiverAsync(queueId);
        var failures = await db.Factory.GetDeliveryFailureHandler(queueId);

        var waits = new List<TimeSpan>();
        var message = Assert.Single(await Leases.ReadAsync(receiver));
        for (var attempt = 1; attempt < 3; attempt++)
        {
            Assert.Equal(attempt, message.Attempt);
            await FailAsync(failures, message);
            var clock = Stopwatch.StartNew();
            message = Assert.Single(await Leases.ReadWithinAsync(receiver, Soon));
            waits.Add(clock.Elapsed);
        }

        Assert.Equal(3, message.Attempt);
        await FailAsync(failures, message);

        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(4));
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM stream_messages"));
        var dead = Assert.Single(await db.DeadLetters.ListAsync(10, CancellationToken.None));
        Assert.Equal(3, dead.Attempts);
        Assert.Equal("6", dead.StreamKey);
        Assert.Contains("attempt 3", dead.LastError, StringComparison.Ordinal);
        var depth = Assert.Single(await db.Monitor.GetDepthsAsync(CancellationToken.None));
        Assert.Equal(new StreamQueueDepth(0, 0, 0, 0, 1, TimeSpan.Zero), depth);
    }

    [Fact]
    public async Task A_redriven_dead_letter_is_delivered_again_with_fresh_attempts()
    {
        await using var db = await StreamDatabase.CreateAsync(server, options => options.MaxAttempts = 1);
        var stream = StreamId.Create("users", "7");
        await db.ProduceAsync(stream, new TestEvent("redrive-me"), new TestEvent("redrive-me-too"));
        var queueId = db.QueueOf(stream);
        var receiver = await db.ReceiverAsync(queueId);
        var failures = await db.Factory.GetDeliveryFailureHandler(queueId);
        foreach (var message in await Leases.ReadAsync(receiver))
        {
            await FailAsync(failures, message);
        }

        var letters = await db.DeadLetters.ListAsync(10, CancellationToken.None);
        Assert.Equal(2, letters.Count);
        Assert.True(await db.DeadLetters.RedriveAsync(letters[0].Id, CancellationToken.None));
        Assert.False(await db.DeadLetters.RedriveAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Equal(1, await db.DeadLetters.RedriveAllAsync(CancellationToken.None));

        var again = await Leases.ReadAsync(receiver);
        Assert.Equal(["redrive-me", "redrive-me-too"], again.Select(batch => batch.EventId()).Order(StringComparer.Ordinal));
        Assert.All(again, batch => Assert.Equal(1, batch.Attempt));
        Assert.Empty(await db.DeadLetters.ListAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task A_message_whose_lease_runs_out_on_every_attempt_is_dead_lettered_instead_of_delivered_again()
    {
        await using var db = await StreamDatabase.CreateAsync(server, options => options.MaxAttempts = 2);
        var stream = StreamId.Create("users", "8");
        await db.ProduceAsync(stream, new TestEvent("crashes-its-silo"));
        var queue = QueueIndex.Of(db.QueueOf(stream));
        var shortLease = TimeSpan.FromMilliseconds(200);

        Assert.Single(await db.Store.LeaseAsync(queue, 10, shortLease, 2, CancellationToken.None));
        await Task.Delay(400);
        Assert.Single(await db.Store.LeaseAsync(queue, 10, shortLease, 2, CancellationToken.None));
        await Task.Delay(400);

        Assert.Empty(await db.Store.LeaseAsync(queue, 10, shortLease, 2, CancellationToken.None));
        var dead = Assert.Single(await db.DeadLetters.ListAsync(10, CancellationToken.None));
        Assert.Equal(2, dead.Attempts);
        Assert.StartsWith("lease expired", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_goes_to_the_dead_letters_instead_of_failing_every_read()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        await using (var insert = db.DataSource.CreateCommand(
            "INSERT INTO stream_messages (provider, queue_id, stream_key, payload) VALUES ('jobs', 0, 'broken', '\\x00ff00ff'::bytea)"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var stream = StreamId.Create("users", "9");
        await db.ProduceAsync(stream, new TestEvent("readable"));
        var receiver = await db.ReceiverAsync(db.QueueOf(stream));

        var read = Assert.Single(await Leases.ReadAsync(receiver));

        Assert.Equal("readable", read.EventId());
        var dead = Assert.Single(await db.DeadLetters.ListAsync(10, CancellationToken.None));
        Assert.Equal("broken", dead.StreamKey);
        Assert.StartsWith("payload cannot be read", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_dead_letters_expired_messages_and_deletes_dead_letters_past_retention()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var stream = StreamId.Create("users", "10");
        await db.ProduceAsync(stream, new TestEvent("too-old"));
        var queue = QueueIndex.Of(db.QueueOf(stream));
        await Task.Delay(100);

        var expired = await db.Store.CleanupAsync([queue], TimeSpan.FromMilliseconds(50), TimeSpan.FromDays(1), CancellationToken.None);
        var dead = Assert.Single(await db.DeadLetters.ListAsync(10, CancellationToken.None));
        await Task.Delay(100);
        var purged = await db.Store.CleanupAsync([queue], TimeSpan.FromDays(1), TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.Equal(new CleanupResult(1, 0), expired);
        Assert.StartsWith("expired", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(new CleanupResult(0, 1), purged);
        Assert.Empty(await db.DeadLetters.ListAsync(10, CancellationToken.None));
    }

    private static Task FailAsync(IStreamFailureHandler failures, PostgresBatchContainer message) =>
        failures.OnDeliveryFailure(GuidId.GetNewGuidId(), StreamDatabase.Provider, message.StreamId, message.SequenceToken);
}
