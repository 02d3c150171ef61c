using System.Collections.Concurrent;

namespace Shop.Streaming.Postgres;

/// <summary>
/// When each queue this silo reads is next worth reading, so that an idle queue costs PostgreSQL next to nothing.
/// <para>
/// Orleans' pulling agent asks every queue for messages ten times a second; asking PostgreSQL each time cost an idle
/// cluster 80 statements a second (8 queues) whatever its size. Now a queue is read while reads return messages, and
/// after an empty read only when it is due again: at once when this silo writes to it (<see cref="Written"/>, which
/// knows a delayed message's due time), and otherwise when the probe says so. The probe is one statement a second
/// for all of this silo's idle queues (<see cref="PostgresStreamOptions.IdleProbeInterval"/>): it finds what other
/// silos wrote, leases that run out and retries that come due, and reports each queue's earliest due time relative to
/// the database's clock, so a delayed message is read when it comes due, not up to a probe later. A failed probe makes
/// every queue due: the watch can delay a read by at most one probe interval, never lose one.
/// </para>
/// <para>
/// The same loop applies expiry and dead-letter retention to this silo's queues every
/// <see cref="PostgresStreamOptions.CleanupInterval"/>, in one round trip for all of them (it was two statements per
/// queue, the largest idle cost after polling).
/// </para>
/// </summary>
internal sealed partial class QueueWatch(
    StreamMessageStore store,
    PostgresStreamOptions options,
    TimeProvider clock,
    ILogger<QueueWatch> logger,
    StreamMetrics? metrics = null) : IDisposable
{
    // Without a write, a lease or a retry coming due, an idle queue is still read this often: a bound on what a
    // probe that missed something (it reads a moment before a commit) can cost, beyond the next probe.
    private static readonly TimeSpan IdleReadInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, long> _dueAt = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _probing;

    /// <summary>A receiver of this silo reads <paramref name="queue"/> from now on.</summary>
    public void Watch(int queue)
    {
        _dueAt[queue] = Now;
        lock (_gate)
        {
            _probing ??= Task.Run(() => ProbeAsync(_stopping.Token));
        }
    }

    /// <summary>The queue's receiver stopped (shutdown, or the queue moved to another silo).</summary>
    public void Unwatch(int queue) => _dueAt.TryRemove(queue, out _);

    /// <summary>Whether reading <paramref name="queue"/> now may find a message. A queue not watched is always due.</summary>
    public bool IsDue(int queue) => !_dueAt.TryGetValue(queue, out var dueAt) || dueAt <= Now;

    /// <summary>A read of <paramref name="queue"/> leased <paramref name="count"/> messages: more may follow them.</summary>
    public void Read(int queue, int count)
    {
        // An update, never an add: a queue unwatched meanwhile stays out of the probe and the cleanup.
        if (_dueAt.TryGetValue(queue, out var current))
        {
            _dueAt.TryUpdate(queue, count > 0 ? Now : Now + IdleReadInterval.Ticks, current);
        }
    }

    /// <summary>This silo committed a message to <paramref name="queue"/>, deliverable after <paramref name="delay"/>.</summary>
    public void Written(int queue, TimeSpan delay) => DueNoLaterThan(queue, Now + Math.Max(0, delay.Ticks));

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private long Now => clock.GetUtcNow().UtcTicks;

    private void DueNoLaterThan(int queue, long dueAt)
    {
        while (_dueAt.TryGetValue(queue, out var current) && dueAt < current)
        {
            if (_dueAt.TryUpdate(queue, dueAt, current))
            {
                return;
            }
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.IdleProbeInterval, clock);
        var nextCleanup = Now + options.CleanupInterval.Ticks;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Now >= nextCleanup)
                {
                    nextCleanup = Now + options.CleanupInterval.Ticks;
                    await CleanUpAsync(cancellationToken);
                }

                var now = Now;
                int[] idle = [.. _dueAt.Where(queue => queue.Value > now).Select(queue => queue.Key)];
                if (idle.Length == 0)
                {
                    continue;
                }

                try
                {
                    foreach (var (queue, dueIn) in await store.EarliestDueAsync(idle, cancellationToken))
                    {
                        DueNoLaterThan(queue, Now + dueIn.Ticks);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogProbeFailed(logger, exception, store.Provider);
                    foreach (var queue in idle)
                    {
                        DueNoLaterThan(queue, Now);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed with the silo.
        }
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        int[] queues = [.. _dueAt.Keys.Order()];
        if (queues.Length == 0)
        {
            return;
        }

        try
        {
            var result = await store.CleanupAsync(queues, options.MessageTimeToLive, options.DeadLetterRetention, cancellationToken);
            if (result.Expired + result.PurgedDeadLetters > 0)
            {
                logger.CleanedUp(store.Provider, queues, result.Expired, result.PurgedDeadLetters);
                metrics?.DeadLettered(store.Provider, null, "expired", result.Expired);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCleanupFailed(logger, exception, store.Provider);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleanup of the queues of stream provider {Provider} failed; retrying at the next interval")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probing the idle queues of stream provider {Provider} failed; reading them all")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception, string provider);
}
