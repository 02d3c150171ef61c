using System.Threading.Channels;

namespace Shop.Silo.Storage;

/// <summary>
/// Reads of rows by id gathered like <see cref="GroupCommit"/> gathers writes: concurrent callers each ask for one id,
/// and one statement (<c>WHERE id = ANY(@ids)</c>) answers everything asked while the previous one ran.
/// </summary>
/// <remarks>
/// Nothing waits to gather: an idle reader sends a lone id at once, so a read costs what it cost alone. Under load a
/// caller waits at most for the read ahead of it. Made for reads every background job does once per entity (an order's
/// confirmation status: one round trip per order, the last one not shared, before this); a failed statement fails every
/// caller of its batch, as it would have failed each alone. Nothing to flush at shutdown, so nothing to dispose.
/// </remarks>
/// <param name="read">Reads the rows of the given distinct ids; an id with no row is left out.</param>
public sealed class GroupRead<T>(Func<long[], Task<IReadOnlyDictionary<long, T>>> read, int maxBatchSize = 256)
    where T : class
{
    private readonly Channel<QueuedRead> _queue = StartReader(read, maxBatchSize);

    /// <returns>The row of <paramref name="id"/>, or null when there is none.</returns>
    public Task<T?> ReadAsync(long id)
    {
        var request = new QueuedRead(id, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Writer.TryWrite(request);
        return request.Answered.Task;
    }

    private static Channel<QueuedRead> StartReader(Func<long[], Task<IReadOnlyDictionary<long, T>>> read, int maxBatchSize)
    {
        var queue = Channel.CreateUnbounded<QueuedRead>(new UnboundedChannelOptions { SingleReader = true });
        // The reader must not inherit the trace (or anything else) of whoever happened to create this.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => ReadLoopAsync(queue.Reader, read, maxBatchSize));
        }

        return queue;
    }

    private static async Task ReadLoopAsync(ChannelReader<QueuedRead> queue, Func<long[], Task<IReadOnlyDictionary<long, T>>> read, int maxBatchSize)
    {
        var batch = new List<QueuedRead>(maxBatchSize);
        while (await queue.WaitToReadAsync())
        {
            while (batch.Count < maxBatchSize && queue.TryRead(out var request))
            {
                batch.Add(request);
            }

            try
            {
                var rows = await read([.. batch.Select(request => request.Id).Distinct()]);
                foreach (var request in batch)
                {
                    request.Answered.TrySetResult(rows.GetValueOrDefault(request.Id));
                }
            }
#pragma warning disable CA1031 // Not swallowed: every caller of the batch receives the failure as its own.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                foreach (var request in batch)
                {
                    request.Answered.TrySetException(failure);
                }
            }

            batch.Clear();
        }
    }

    private sealed record QueuedRead(long Id, TaskCompletionSource<T?> Answered);
}
