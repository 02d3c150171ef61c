using System.Diagnostics;
using Npgsql;

namespace Shop.Feed.Client;

/// <summary>
/// Runs one instance of a consumer group in this process. The feed has <see cref="FeedPartitions.Count"/> partitions
/// by user, and each partition of a group has its own saved position and lease: the running instances of the group
/// split the partitions evenly between them (<see cref="PartitionShare"/>), each reading only its own, so every event
/// is handled by one instance. Every third of a lease an instance renews its partitions and its membership, takes free
/// partitions up to its share and releases those above it; a partition changes hands only once its position is saved
/// (released) or its lease has lapsed (its instance died or stalled), so instances repeat no event of each other's
/// unless one of them stalls for a lease. Between those rounds it reads a batch of all its partitions at once, hands
/// each event to the handler in feed order, and saves each partition's last position, which renews its lease (and
/// during a batch that takes longer than a third of a lease, as it goes).
/// </summary>
public sealed partial class OrderFeedConsumer(
    ShopOrderFeed feed,
    IOrderFeedHandler handler,
    FeedConsumerOptions options,
    ILogger<OrderFeedConsumer> logger) : BackgroundService
{
    private readonly PartitionLeases leases = new(feed.Database, options);

    /// <summary>Reads the group's partitions this instance holds, until cancelled; then hands them back.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = FeedStart.Parse(options.Start);
        var created = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    if (!created)
                    {
                        await leases.CreateGroupAsync(await feed.ResolveAsync(start, cancellationToken), cancellationToken);
                        created = true;
                    }

                    await ConsumeAsync(cancellationToken);
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The saved positions are untouched: the same events come again once the database or handler
                    // recovers; the leases stay with this instance if it recovers within one.
                    LogFailed(logger, options.Group, failure);
                }

                await Task.Delay(options.RenewInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await LeaveAsync();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var owned = await BalanceAsync(cancellationToken);
        var balanced = Stopwatch.StartNew();
        while (true)
        {
            if (balanced.Elapsed >= options.RenewInterval)
            {
                owned = await BalanceAsync(cancellationToken);
                balanced.Restart();
            }

            if (owned.Count == 0)
            {
                // A standby: more instances than partitions, or the others have not released its share yet.
                await Task.Delay(options.RenewInterval, cancellationToken);
                continue;
            }

            // A batch of BatchSize events in all, shared by the partitions held: a partition far behind cannot make a
            // batch bigger, and one round trip serves them all.
            var limitEach = Math.Max(1, feed.Options.BatchSize / owned.Count);
            var batch = await feed.ReadPartitionsAsync(owned, limitEach, cancellationToken);
            owned = await HandleAsync(owned, batch, cancellationToken);

            var full = batch.CountBy(feedEvent => feedEvent.Partition).Any(partition => partition.Value == limitEach);
            if (!full)
            {
                await Task.Delay(feed.Options.PollInterval < options.RenewInterval ? feed.Options.PollInterval : options.RenewInterval, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Hands the batch to the handler in order, then saves each partition's last position. A batch that takes longer
    /// than a third of a lease is also saved as it goes, so a slow instance that still moves keeps its partitions and
    /// only one that stalls on an event for a lease loses them; the events of a partition lost meanwhile are left to
    /// its new holder.
    /// </summary>
    /// <returns>The partitions still held, at their saved positions.</returns>
    private async Task<Dictionary<int, FeedPosition>> HandleAsync(
        Dictionary<int, FeedPosition> owned, IReadOnlyList<FeedEvent> batch, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<int, FeedPosition>(owned);
        var saved = Stopwatch.StartNew();
        foreach (var feedEvent in batch)
        {
            if (!positions.ContainsKey(feedEvent.Partition))
            {
                continue;
            }

            await handler.HandleAsync(feedEvent, cancellationToken);
            positions[feedEvent.Partition] = feedEvent.Position;
            if (saved.Elapsed >= options.RenewInterval)
            {
                positions = await SaveAsync(positions, cancellationToken);
                saved.Restart();
            }
        }

        return batch.Count > 0 ? await SaveAsync(positions, cancellationToken) : positions;
    }

    /// <returns>The partitions still held, at their saved positions.</returns>
    private async Task<Dictionary<int, FeedPosition>> SaveAsync(
        Dictionary<int, FeedPosition> advanced, CancellationToken cancellationToken)
    {
        var saved = await leases.SaveAsync(advanced, cancellationToken);
        if (saved.Count < advanced.Count)
        {
            LogPartitionsLost(logger, options.Group, options.InstanceId, advanced.Keys.Except(saved.Keys));
        }

        return saved;
    }

    /// <summary>One round: membership, renewal, then partitions taken or released towards this instance's share.</summary>
    /// <returns>The partitions held now, at their saved positions.</returns>
    private async Task<Dictionary<int, FeedPosition>> BalanceAsync(CancellationToken cancellationToken)
    {
        var members = await leases.BeatAsync(cancellationToken);
        var share = PartitionShare.Of(options.InstanceId, members, FeedPartitions.Count);
        var owned = await leases.RenewAsync(cancellationToken);
        if (owned.Count > share)
        {
            var excess = owned.Keys.OrderDescending().Take(owned.Count - share).ToList();
            await leases.ReleaseAsync(excess, cancellationToken);
            excess.ForEach(partition => owned.Remove(partition));
            LogPartitionsReleased(logger, options.Group, options.InstanceId, excess, members.Count);
        }
        else if (owned.Count < share && await leases.AcquireAsync(share - owned.Count, cancellationToken) is { Count: > 0 } taken)
        {
            foreach (var (partition, position) in taken)
            {
                owned[partition] = position;
            }

            LogPartitionsTaken(logger, options.Group, options.InstanceId, taken.Keys, members.Count);
        }

        return owned;
    }

    private async Task LeaveAsync()
    {
        try
        {
            await leases.LeaveAsync(CancellationToken.None);
        }
        catch (NpgsqlException failure)
        {
            // The leases then lapse on their own; the other instances wait one lease longer for these partitions.
            LogLeaveFailed(logger, options.Group, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer group {Group}: instance {Instance} took partitions {Partitions} ({Members} live instances)")]
    private static partial void LogPartitionsTaken(ILogger logger, string group, string instance, IEnumerable<int> partitions, int members);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer group {Group}: instance {Instance} released partitions {Partitions} ({Members} live instances)")]
    private static partial void LogPartitionsReleased(ILogger logger, string group, string instance, IEnumerable<int> partitions, int members);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group}: instance {Instance} lost partitions {Partitions} to another instance after its lease lapsed")]
    private static partial void LogPartitionsLost(ILogger logger, string group, string instance, IEnumerable<int> partitions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer group {Group} failed; it retries from its saved positions")]
    private static partial void LogFailed(ILogger logger, string group, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group} could not release its partitions; their leases lapse instead")]
    private static partial void LogLeaveFailed(ILogger logger, string group, Exception exception);
}
