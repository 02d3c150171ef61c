using Npgsql;
using Orleans.Runtime;
using Orleans.Streams;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Streaming.Tests;

[Collection(PostgresCollection.Name)]
public sealed class QueueAdapterTests(PostgresServer server)
{
    private const string VisibleAtMilliseconds = "SELECT (extract(epoch FROM visible_at) * 1000)::bigint FROM stream_messages";

    /// <summary>How long a test waits for what must happen: a bound, not a pause, so a starved machine only waits longer.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_reader_racing_concurrent_producers_sees_tokens_only_grow_and_each_stream_in_order()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var streams = Enumerable.Range(0, 4).Select(i => StreamId.Create("orders", $"producer-{i}")).ToList();
        var receiver = await db.ReceiverAsync(db.QueueOf(streams[0]));

        var producing = Task.WhenAll(streams.Select(stream => Task.Run(() =>
            db.ProduceAsync(stream, [.. Enumerable.Range(0, 50).Select(n => new TestEvent($"{stream.GetKeyAsString()}:{n:D2}"))]))));
        var leased = new List<PostgresBatchContainer>();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (leased.Count < 200 && DateTimeOffset.UtcNow < deadline)
        {
            leased.AddRange(await Leases.ReadAsync(receiver, 7));
        }

        await producing;
        var tokens = leased.Select(batch => batch.SequenceToken.SequenceNumber).ToList();
        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        foreach (var stream in streams)
        {
            var ids = leased.Where(batch => batch.StreamId.Equals(stream)).Select(batch => batch.EventId()).ToList();
            Assert.Equal(50, ids.Count);
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        }
    }

    [Fact]
    public async Task A_message_committed_late_by_a_slow_producer_is_read_after_the_rest_with_a_larger_token()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var stream = StreamId.Create("orders", "slow-producer");
        var receiver = await db.ReceiverAsync(db.QueueOf(stream));

        // A producer that inserted first (its row drew the smaller default seq) and has not committed yet.
        await using var slow = await db.DataSource.OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO stream_messages (provider, queue_id, stream_key, payload) VALUES ('jobs', 0, 'slow-producer', @payload)",
            slow, slowTransaction))
        {
            insert.Parameters.AddWithValue("payload", db.Payload(stream, new TestEvent("first")));
            await insert.ExecuteNonQueryAsync();
        }

        // The other producer does not wait for it.
        await db.ProduceAsync(stream, new TestEvent("second")).WaitAsync(TimeSpan.FromSeconds(10));
        var whileSlowIsOpen = await Leases.ReadAsync(receiver);
        await slowTransaction.CommitAsync();
        var afterwards = await Leases.ReadAsync(receiver);

        Assert.Equal(["second"], whileSlowIsOpen.Select(batch => batch.EventId()));
        Assert.Equal(["first"], afterwards.Select(batch => batch.EventId()));
        Assert.True(afterwards[0].SequenceToken.SequenceNumber > whileSlowIsOpen[0].SequenceToken.SequenceNumber);
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_is_numbered_one_batch_per_lease_in_the_order_it_was_written()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var stream = StreamId.Create("orders", "backlog");
        await db.ProduceAsync(stream, [.. Enumerable.Range(0, 25).Select(n => new TestEvent($"e{n:D2}"))]);
        var queue = QueueIndex.Of(db.QueueOf(stream));

        var batches = new List<IReadOnlyList<LeasedRow>>();
        var stillUnnumbered = new List<long>();
        for (var lease = 0; lease < 3; lease++)
        {
            batches.Add(await db.Store.LeaseAsync(queue, 10, TimeSpan.FromMinutes(1), 3, CancellationToken.None));
            stillUnnumbered.Add(await db.ScalarAsync("SELECT count(*) FROM stream_messages WHERE needs_new_seq AND lease_id IS NULL"));
        }

        Assert.Equal([10, 10, 5], batches.Select(batch => batch.Count));
        Assert.Equal([15, 5, 0], stillUnnumbered);
        var seqs = batches.SelectMany(batch => batch).Select(row => row.Seq).ToList();
        Assert.Equal(seqs.Order(), seqs);
        var outOfOrderPairs = await db.ScalarAsync(
            "SELECT count(*) FROM stream_messages a JOIN stream_messages b ON a.enqueued_at < b.enqueued_at AND a.seq > b.seq");
        Assert.Equal(0, outOfOrderPairs);
    }

    [Fact]
    public async Task A_lease_that_runs_out_makes_the_message_visible_again_as_a_new_attempt_with_a_newer_token()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var stream = StreamId.Create("users", "1");
        await db.ProduceAsync(stream, new TestEvent("welcome-1"));
        var queue = QueueIndex.Of(db.QueueOf(stream));

        // A silo that leases and is then killed: nobody renews or releases its lease. Six seconds for the next two
        // statements to see it still held, however slow the machine; the redelivery is then waited for, not timed.
        var abandoned = Assert.Single(await db.Store.LeaseAsync(queue, 10, TimeSpan.FromSeconds(6), 3, CancellationToken.None));
        var receiver = await db.ReceiverAsync(db.QueueOf(stream));
        Assert.Empty(await Leases.ReadAsync(receiver));

        var redelivered = Assert.Single(await Leases.ReadWithinAsync(receiver, Patience));

        Assert.Equal("welcome-1", redelivered.EventId());
        Assert.Equal(2, redelivered.Attempt);
        Assert.True(redelivered.SequenceToken.SequenceNumber > abandoned.Seq);
        Assert.NotEqual(abandoned.Receipt, redelivered.Receipt);
    }

    [Fact]
    public async Task A_live_receiver_renews_its_leases_so_a_slow_delivery_is_not_handed_to_another_reader()
    {
        // Renewed every 2 s for 6 s: a renewal may come 4 s late on a starved machine before the lease lapses.
        await using var db = await StreamDatabase.CreateAsync(server, options => options.LeaseDuration = TimeSpan.FromSeconds(6));
        var stream = StreamId.Create("users", "2");
        await db.ProduceAsync(stream, new TestEvent("slow"));
        var owner = await db.ReceiverAsync(db.QueueOf(stream));
        var other = await db.ReceiverAsync(db.QueueOf(stream));

        Assert.Single(await Leases.ReadAsync(owner));
        var firstLeaseEnds = await db.ScalarAsync(VisibleAtMilliseconds);
        // Past the end of the first lease by the database's clock, which is the one that judges leases.
        var deadline = DateTime.UtcNow + Patience;
        while (await db.ScalarAsync("SELECT (extract(epoch FROM now()) * 1000)::bigint") <= firstLeaseEnds + 500)
        {
            Assert.True(DateTime.UtcNow < deadline, "the database's clock did not pass the end of the first lease");
            await Task.Delay(100);
        }

        Assert.Empty(await Leases.ReadAsync(other));
        Assert.True(await db.ScalarAsync(VisibleAtMilliseconds) > firstLeaseEnds, "the owner never renewed its lease");
        await owner.Shutdown(Patience, CancellationToken.None);
        await other.Shutdown(Patience, CancellationToken.None);
    }

    [Fact]
    public async Task Acknowledging_by_receipt_removes_exactly_the_acknowledged_messages()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var stream = StreamId.Create("users", "3");
        await db.ProduceAsync(stream, [.. Enumerable.Range(0, 5).Select(n => new TestEvent($"e{n}"))]);
        var receiver = await db.ReceiverAsync(db.QueueOf(stream));
        var leased = await Leases.ReadAsync(receiver);

        await receiver.MessagesDeliveredAsync([leased[1], leased[3]], CancellationToken.None);

        Assert.Equal(3, await db.ScalarAsync("SELECT count(*) FROM stream_messages"));
        await receiver.Shutdown(Patience, CancellationToken.None);
        var next = await db.ReceiverAsync(db.QueueOf(stream));
        var remaining = await Leases.ReadAsync(next);
        Assert.Equal(["e0", "e2", "e4"], remaining.Select(batch => batch.EventId()));
    }

    [Fact]
    public async Task Shutting_a_receiver_down_hands_its_leases_back_at_once_without_counting_an_attempt()
    {
        await using var db = await StreamDatabase.CreateAsync(server, options => options.LeaseDuration = TimeSpan.FromMinutes(5));
        var stream = StreamId.Create("users", "4");
        await db.ProduceAsync(stream, [.. Enumerable.Range(0, 5).Select(n => new TestEvent($"e{n}"))]);
        var first = await db.ReceiverAsync(db.QueueOf(stream));
        var leased = await Leases.ReadAsync(first);
        Assert.Equal(5, leased.Count);

        await first.Shutdown(Patience, CancellationToken.None);
        var second = await db.ReceiverAsync(db.QueueOf(stream));
        var handedBack = await Leases.ReadAsync(second);

        Assert.Equal(leased.Select(batch => batch.EventId()), handedBack.Select(batch => batch.EventId()));
        Assert.All(handedBack, batch => Assert.Equal(1, batch.Attempt));
        Assert.True(handedBack.Min(batch => batch.SequenceToken.SequenceNumber) > leased.Max(batch => batch.SequenceToken.SequenceNumber));
    }

    [Fact]
    public async Task Two_receivers_of_one_queue_reading_at_the_same_time_never_lease_the_same_message()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var stream = StreamId.Create("users", "5");
        await db.ProduceAsync(stream, [.. Enumerable.Range(0, 200).Select(n => new TestEvent($"e{n:D3}"))]);
        var receivers = new[] { await db.ReceiverAsync(db.QueueOf(stream)), await db.ReceiverAsync(db.QueueOf(stream)) };

        var results = await Task.WhenAll(receivers.Select(receiver => Task.Run(async () =>
        {
            var mine = new List<string>();
            for (var batch = await Leases.ReadAsync(receiver, 9); batch.Count > 0; batch = await Leases.ReadAsync(receiver, 9))
            {
                mine.AddRange(batch.Select(message => message.EventId()));
            }

            return mine;
        })));

        Assert.Empty(results[0].Intersect(results[1]));
        Assert.Equal(200, results[0].Concat(results[1]).Distinct().Count());
        Assert.NotEmpty(results[0]);
        Assert.NotEmpty(results[1]);
    }
}
