using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Shop.Streaming.Postgres;

/// <summary>
/// The providers' side of the <see cref="MeterName"/> meter: messages moved to the dead letters (counter), and queue
/// depths, the oldest ready message's wait per queue and dead letters waiting (gauges, from the last
/// <see cref="StreamQueueMonitor"/> reading). Every silo reads the same tables, so aggregate the gauges across silos with
/// max, not sum. That same periodic reading says whether PostgreSQL answers (<c>shop.postgres.reachable</c>), so the
/// gauge costs no query of its own and keeps reporting when nobody probes readiness.
/// </summary>
internal sealed class StreamMetrics
{
    public const string MeterName = "Shop.Jobs";

    private readonly Counter<long> deadLettered;
    private readonly ConcurrentDictionary<string, IReadOnlyList<StreamQueueDepth>> depths = new();
    private readonly ConcurrentDictionary<string, bool> reachable = new();

    public StreamMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        deadLettered = meter.CreateCounter<long>("shop.jobs.dead_lettered", "{message}",
            "Messages moved to the dead letters: reason attempts (the last attempt failed), expired or unreadable");
        meter.CreateObservableGauge("shop.jobs.queue.depth", ObserveDepths, "{message}",
            "Messages in the queues: state ready (deliverable now), in_flight (leased) or delayed (waiting for a retry or a delivery time)");
        meter.CreateObservableGauge("shop.jobs.dead_letters", ObserveDeadLetters, "{message}",
            "Dead letters waiting for an operator");
        meter.CreateObservableGauge("shop.jobs.queue.oldest_ready_age", ObserveOldestReady, "s",
            "How long each queue's oldest ready message has waited for a reader (0 when none is ready)");
        meter.CreateObservableGauge("shop.postgres.reachable", ObserveReachable, unit: null,
            "1 when PostgreSQL answered this silo's last periodic queue reading, 0 when it did not");
    }

    public void DeadLettered(string provider, string? streamNamespace, string reason, int count)
    {
        if (count <= 0)
        {
            return;
        }

        deadLettered.Add(
            count,
            new KeyValuePair<string, object?>("provider", provider),
            new KeyValuePair<string, object?>("stream.namespace", streamNamespace ?? "unknown"),
            new KeyValuePair<string, object?>("reason", reason));
    }

    public void Record(string provider, IReadOnlyList<StreamQueueDepth> queues)
    {
        depths[provider] = queues;
        reachable[provider] = true;
    }

    /// <summary>The reading failed: the depths keep their last values, PostgreSQL counts as unreachable until the next one.</summary>
    public void ReadingFailed(string provider, bool postgresAnswered) => reachable[provider] = postgresAnswered;

    private IEnumerable<Measurement<long>> ObserveDepths()
    {
        foreach (var (provider, queues) in depths)
        {
            yield return Depth(provider, "ready", queues.Sum(queue => queue.Ready));
            yield return Depth(provider, "in_flight", queues.Sum(queue => queue.InFlight));
            yield return Depth(provider, "delayed", queues.Sum(queue => queue.Delayed));
        }
    }

    private IEnumerable<Measurement<long>> ObserveDeadLetters() =>
        depths.Select(entry => new Measurement<long>(
            entry.Value.Sum(queue => queue.DeadLetters), new KeyValuePair<string, object?>("provider", entry.Key)));

    private IEnumerable<Measurement<double>> ObserveOldestReady() =>
        depths.SelectMany(entry => entry.Value.Select(queue => new Measurement<double>(
            queue.OldestReadyWait.TotalSeconds,
            new KeyValuePair<string, object?>("provider", entry.Key),
            new KeyValuePair<string, object?>("queue", queue.Queue))));

    // One series per silo: every provider reads the same database, so any failed reading means it did not answer.
    private IEnumerable<Measurement<int>> ObserveReachable() =>
        reachable.IsEmpty ? [] : [new Measurement<int>(reachable.Values.All(answered => answered) ? 1 : 0)];

    private static Measurement<long> Depth(string provider, string state, long value) =>
        new(value, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("state", state));
}
