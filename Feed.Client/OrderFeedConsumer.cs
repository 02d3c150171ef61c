using System.Diagnostics;
using Npgsql;

namespace Shop.Feed.Client;

/// <summary>
/// Runs one consumer group in this process. Of all running instances of a group, the one holding the group's lease
/// reads: a batch after the saved position, each event to the handler in order, then the batch's last position saved
/// (which renews the lease). The others stand by and take over within <see cref="FeedConsumerOptions.LeaseDuration"/>
/// of the reader dying or stalling, from the last saved position: at least once, in order. Instances therefore share
/// the work by failover, not by splitting the feed: one reads at a time.
/// </summary>
public sealed partial class OrderFeedConsumer(
    ShopOrderFeed feed,
    IOrderFeedHandler handler,
    FeedConsumerOptions options,
    ILogger<OrderFeedConsumer> logger) : BackgroundService
{
    private readonly ConsumerGroupLease lease = new(feed.Database, options);

    /// <summary>Reads for the group whenever this instance holds its lease, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = FeedStart.Parse(options.Start);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var startIfNew = await feed.ResolveAsync(start, cancellationToken);
                    if (await lease.TryAcquireAsync(startIfNew, cancellationToken) is { } saved)
                    {
                        LogLeading(logger, options.Group, options.InstanceId, saved);
                        await LeadAsync(saved, cancellationToken);
                        LogLeaseLost(logger, options.Group, options.InstanceId);
                    }
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The saved position is untouched: the same events come again once the database or handler recovers.
                    LogFailed(logger, options.Group, failure);
                }

                await Task.Delay(options.RenewInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    private async Task LeadAsync(FeedPosition position, CancellationToken cancellationToken)
    {
        var renewed = Stopwatch.StartNew();
        while (true)
        {
            var batch = await feed.ReadBatchAsync(position, feed.Options.BatchSize, cancellationToken);
            foreach (var feedEvent in batch)
            {
                await handler.HandleAsync(feedEvent, cancellationToken);
            }

            if (batch.Count > 0 || renewed.Elapsed >= options.RenewInterval)
            {
                var next = batch.Count > 0 ? batch[^1].Position : position;
                if (!await lease.SaveAsync(next, cancellationToken))
                {
                    return;
                }

                position = next;
                renewed.Restart();
            }

            if (batch.Count < feed.Options.BatchSize)
            {
                await Task.Delay(feed.Options.PollInterval < options.RenewInterval ? feed.Options.PollInterval : options.RenewInterval, cancellationToken);
            }
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            await lease.ReleaseAsync(CancellationToken.None);
        }
        catch (NpgsqlException failure)
        {
            // The lease then lapses on its own; a standby waits one lease longer.
            LogReleaseFailed(logger, options.Group, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer group {Group}: instance {Instance} reads after {Position}")]
    private static partial void LogLeading(ILogger logger, string group, string instance, FeedPosition position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group}: instance {Instance} lost its lease to another instance")]
    private static partial void LogLeaseLost(ILogger logger, string group, string instance);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer group {Group} failed; it retries from its saved position")]
    private static partial void LogFailed(ILogger logger, string group, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group} could not release its lease; it lapses instead")]
    private static partial void LogReleaseFailed(ILogger logger, string group, Exception exception);
}
