using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shop.Grains.Interfaces.Errors;
using Shop.Silo.Storage;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// How <see cref="GroupCommit"/> cuts its queue into batches and hands out results and failures, with a fake in place of
/// PostgreSQL: no database, every step released by the test.
/// </summary>
public sealed class GroupCommitQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_idle_writer_sends_a_lone_statement_at_once_and_alone()
    {
        var database = new FakeDatabase();
        await using var writes = database.Writes(writers: 1, maxBatchSize: 64);

        var rows = await writes.ExecuteAsync(Statement("a")).WaitAsync(Patience);

        Assert.Equal(1, rows);
        Assert.Equal([["a"]], database.Batches);
    }

    [Fact]
    public async Task Statements_queued_while_a_batch_is_in_flight_go_together_in_the_next_bounded_batches()
    {
        var database = new FakeDatabase { Held = true };
        await using var writes = database.Writes(writers: 1, maxBatchSize: 4);

        var first = writes.ExecuteAsync(Statement("a"));
        await database.SentAsync(1);
        var queued = Enumerable.Range(0, 6).Select(i => writes.ExecuteAsync(Statement($"q{i}"))).ToList();
        database.Release();
        await Task.WhenAll(queued.Append(first)).WaitAsync(Patience);

        Assert.Equal([["a"], ["q0", "q1", "q2", "q3"], ["q4", "q5"]], database.Batches);
    }

    [Fact]
    public async Task A_caller_completes_only_once_its_batch_has_committed()
    {
        var database = new FakeDatabase { Held = true };
        await using var writes = database.Writes(writers: 1, maxBatchSize: 64);

        var write = writes.ExecuteAsync(Statement("a"));
        await database.SentAsync(1);
        await Task.Delay(50);
        Assert.False(write.IsCompleted);

        database.Release();
        Assert.Equal(1, await write.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_statement_that_fails_fails_only_its_own_caller_and_the_others_run_again_alone()
    {
        var taken = new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);
        var database = new FakeDatabase { Held = true, Fails = text => text == "bad" ? taken : null };
        await using var writes = database.Writes(writers: 1, maxBatchSize: 64);

        var first = writes.ExecuteAsync(Statement("first"));
        await database.SentAsync(1);
        var good = writes.ExecuteAsync(Statement("good"));
        var bad = writes.ExecuteAsync(Statement("bad"));
        var other = writes.ExecuteAsync(Statement("other"));
        database.Release();

        Assert.Same(taken, await Assert.ThrowsAsync<PostgresException>(() => bad.WaitAsync(Patience)));
        Assert.Equal(1, await good.WaitAsync(Patience));
        Assert.Equal(1, await other.WaitAsync(Patience));
        Assert.Equal(1, await first.WaitAsync(Patience));
        Assert.Equal([["first"], ["good", "bad", "other"], ["good"], ["bad"], ["other"]], database.Batches);
    }

    [Fact]
    public async Task A_lost_connection_fails_every_caller_of_the_batch_without_running_any_again()
    {
        var lost = new NpgsqlException("connection reset");
        var database = new FakeDatabase { Held = true, Fails = text => text == "b" ? lost : null };
        await using var writes = database.Writes(writers: 1, maxBatchSize: 64);

        var first = writes.ExecuteAsync(Statement("first"));
        await database.SentAsync(1);
        var batch = new[] { writes.ExecuteAsync(Statement("a")), writes.ExecuteAsync(Statement("b")) };
        database.Release();

        foreach (var write in batch)
        {
            Assert.Same(lost, await Assert.ThrowsAsync<NpgsqlException>(() => write.WaitAsync(Patience)));
        }

        await first.WaitAsync(Patience);
        Assert.Equal([["first"], ["a", "b"]], database.Batches);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation, true)]
    [InlineData(PostgresErrorCodes.DeadlockDetected, true)]
    [InlineData(PostgresErrorCodes.SerializationFailure, true)]
    [InlineData(PostgresErrorCodes.ConnectionFailure, false)]
    [InlineData(PostgresErrorCodes.AdminShutdown, false)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, false)]
    public void Only_an_error_raised_by_a_statement_splits_a_batch(string sqlState, bool splits) =>
        Assert.Equal(splits, GroupCommit.FailedOnStatement(new PostgresException("failed", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_failure_that_is_not_a_statement_error_never_splits_a_batch()
    {
        Assert.False(GroupCommit.FailedOnStatement(new NpgsqlException("connection reset")));
        Assert.False(GroupCommit.FailedOnStatement(new TimeoutException()));
    }

    [Fact]
    public async Task A_stopped_writer_finishes_what_was_queued_and_refuses_more_as_storage_unavailable()
    {
        var database = new FakeDatabase { Held = true };
        var writes = database.Writes(writers: 1, maxBatchSize: 64);
        var first = writes.ExecuteAsync(Statement("a"));
        await database.SentAsync(1);
        var queued = writes.ExecuteAsync(Statement("b"));

        var stopping = writes.DisposeAsync().AsTask();
        await Assert.ThrowsAsync<StorageUnavailableException>(() => writes.ExecuteAsync(Statement("late")));
        database.Release();
        await stopping.WaitAsync(Patience);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(queued.IsCompletedSuccessfully);
        Assert.Equal([["a"], ["b"]], database.Batches);
    }

    private static NpgsqlBatchCommand Statement(string text) => new(text);

    /// <summary>Records each batch's statements; while <see cref="Held"/>, holds the first batch until released.</summary>
    private sealed class FakeDatabase
    {
        private readonly ConcurrentQueue<IReadOnlyList<string>> _batches = new();
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Channel<int> _sent = Channel.CreateUnbounded<int>();

        public bool Held { get; init; }

        public Func<string, Exception?> Fails { get; init; } = _ => null;

        public IReadOnlyList<IReadOnlyList<string>> Batches => [.. _batches];

        public GroupCommit Writes(int writers, int maxBatchSize) =>
            new(SendAsync, new GroupCommitOptions { Writers = writers, MaxBatchSize = maxBatchSize }, NullLogger.Instance);

        public void Release() => _released.TrySetResult();

        public async Task SentAsync(int batches)
        {
            for (var i = 0; i < batches; i++)
            {
                await _sent.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            }
        }

        private async Task<IReadOnlyList<int>> SendAsync(IReadOnlyList<NpgsqlBatchCommand> commands)
        {
            var texts = commands.Select(command => command.CommandText).ToList();
            _batches.Enqueue(texts);
            _sent.Writer.TryWrite(texts.Count);
            if (Held)
            {
                await _released.Task;
            }

            var failure = texts.Select(Fails).FirstOrDefault(failure => failure is not null);
            return failure is null ? [.. texts.Select(_ => 1)] : throw failure;
        }
    }
}
