using System.Collections.Concurrent;
using Shop.Silo.Storage;
using Shop.TestSupport;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// How <see cref="GroupRead{T}"/> gathers concurrent reads into one statement and hands out rows and failures, with a
/// fake in place of PostgreSQL: every read released by the test.
/// </summary>
public sealed class GroupReadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_idle_reader_reads_a_lone_id_at_once_and_an_id_without_a_row_reads_as_null()
    {
        var database = new FakeRows { Held = false };
        var reads = new GroupRead<string>(database.ReadAsync);

        Assert.Equal("row 7", await reads.ReadAsync(7).WaitAsync(Patience));
        Assert.Null(await reads.ReadAsync(-1).WaitAsync(Patience));
        Assert.Equal([[7L], [-1L]], database.Statements);
    }

    [Fact]
    public async Task Ids_asked_for_while_a_read_is_in_flight_share_the_next_statement_each_id_once()
    {
        var database = new FakeRows();
        var reads = new GroupRead<string>(database.ReadAsync, maxBatchSize: 4);

        var first = reads.ReadAsync(1);
        await database.SentAsync(1);
        long[] asked = [2, 3, 3, 4, 5, 6];
        var queued = asked.Select(reads.ReadAsync).ToList();
        database.ReleaseAll();

        var rows = await Task.WhenAll(queued).WaitAsync(Patience);
        Assert.Equal("row 1", await first);
        Assert.Equal(asked.Select(id => $"row {id}"), rows);
        // Four requests fit a batch: 2, 3, 3, 4 ask for three ids in one statement; 5 and 6 go in the next.
        Assert.Equal([[1L], [2L, 3L, 4L], [5L, 6L]], database.Statements);
    }

    [Fact]
    public async Task A_failed_statement_fails_every_read_of_its_batch_and_the_next_batch_reads_again()
    {
        var database = new FakeRows { Held = false, FailNext = true };
        var reads = new GroupRead<string>(database.ReadAsync);

        await Assert.ThrowsAsync<TimeoutException>(() => reads.ReadAsync(1).WaitAsync(Patience));
        Assert.Equal("row 2", await reads.ReadAsync(2).WaitAsync(Patience));
    }

    private sealed class FakeRows
    {
        private readonly ConcurrentQueue<long[]> _statements = new();
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Held { get; init; } = true;

        public bool FailNext { get; set; }

        public IReadOnlyList<long[]> Statements => [.. _statements];

        public async Task<IReadOnlyDictionary<long, string>> ReadAsync(long[] ids)
        {
            _statements.Enqueue(ids);
            if (Held)
            {
                await _gate.Task;
            }

            if (FailNext)
            {
                FailNext = false;
                throw new TimeoutException("the database did not answer");
            }

            return ids.Where(id => id > 0).ToDictionary(id => id, id => $"row {id}");
        }

        public Task SentAsync(int count) => Poll.UntilAsync(() => _statements.Count >= count, $"{count} statement(s) were sent");

        public void ReleaseAll() => _gate.TrySetResult();
    }
}
