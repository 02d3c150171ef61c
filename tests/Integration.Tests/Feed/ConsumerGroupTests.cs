using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Feed.Client;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>Consumer groups: one lease per group, independent groups, failover in seconds, resume from the saved position.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConsumerGroupTests(PostgresServer postgres) : FeedTestBase(postgres)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Two_groups_each_receive_every_event_in_order()
    {
        var userId = await Shop.NewUserAsync();
        var orders = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Shop.PlaceAndShipAsync(userId)));
        var billing = new RecordingHandler();
        var shipping = new RecordingHandler();

        await using (Run("billing", billing))
        await using (Run("shipping", shipping))
        {
            await billing.WaitForAsync(30);
            await shipping.WaitForAsync(30);
        }

        foreach (var handler in new[] { billing, shipping })
        {
            Assert.Equal(30, handler.Events.Count);
            foreach (var orderId in orders)
            {
                Assert.Equal([1L, 2L, 3L], handler.Events.Where(e => e.OrderId == orderId).Select(e => e.Version));
            }
        }
    }

    [Fact]
    public async Task A_second_instance_takes_over_within_seconds_when_the_reading_instance_stalls()
    {
        var userId = await Shop.NewUserAsync();
        await Shop.PlaceAndShipAsync(userId);
        var stuck = new RecordingHandler { StallAfter = 3 };
        var standby = new RecordingHandler();

        await using var first = Run("mail", stuck);
        await stuck.WaitForAsync(3);
        await Shop.PlaceAndShipAsync(userId);
        await stuck.Stalled.Task;

        await using var second = Run("mail", standby);
        await standby.WaitForAsync(3);

        // How soon the standby took over is this machine's speed (waited for, within a minute); the lease that had to
        // lapse is not: the configured length, not a default, by the database's clock.
        Assert.Equal((long)Lease.TotalMilliseconds, await Shop.ScalarAsync<long>(
            "SELECT (extract(epoch FROM lease_until - updated_at) * 1000)::bigint FROM feed_consumers WHERE group_name = 'mail'"));
        // The stalled instance saved the first batch; the standby starts after it, with the second order's events.
        Assert.Equal([1L, 2L, 3L], standby.Events.Select(e => e.Version));
        Assert.True(standby.Events[0].Position > stuck.Events[^1].Position);
    }

    [Fact]
    public async Task A_group_started_again_resumes_after_its_saved_position()
    {
        var userId = await Shop.NewUserAsync();
        await Shop.PlaceAndShipAsync(userId);
        var before = new RecordingHandler();
        await using (Run("audit", before))
        {
            await before.WaitForAsync(3);
            await SavedAsync("audit", before.Events[^1].Position);
        }

        var after = new RecordingHandler();
        var later = await Shop.PlaceAsync(userId);
        await using (Run("audit", after))
        {
            await after.WaitForAsync(1);
            await Task.Delay(Lease);
        }

        Assert.Equal(later, Assert.Single(after.Events).OrderId);
    }

    private async Task SavedAsync(string group, FeedPosition position)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Shop.ScalarAsync<string>(
                   $"SELECT coalesce((SELECT tx || ':' || position FROM feed_consumers WHERE group_name = '{group}'), '')")
               != position.ToString())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{group} did not save {position}");
            await Task.Delay(20);
        }
    }

    private RunningConsumer Run(string group, RecordingHandler handler)
    {
        var feed = Shop.Reader();
        var consumer = new OrderFeedConsumer(feed, handler, new FeedConsumerOptions { Group = group, LeaseDuration = Lease },
            NullLogger<OrderFeedConsumer>.Instance);
        return new RunningConsumer(feed, consumer);
    }

    private sealed class RunningConsumer : IAsyncDisposable
    {
        private readonly ShopOrderFeed feed;
        private readonly CancellationTokenSource stop = new();
        private readonly Task running;

        public RunningConsumer(ShopOrderFeed feed, OrderFeedConsumer consumer)
        {
            this.feed = feed;
            running = consumer.RunAsync(stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await running;
            stop.Dispose();
            await feed.DisposeAsync();
        }
    }

    private sealed class RecordingHandler : IOrderFeedHandler
    {
        private readonly ConcurrentQueue<FeedEvent> events = new();

        /// <summary>After this many events the handler hangs (until cancelled), like a process that stopped making progress.</summary>
        public int? StallAfter { get; init; }

        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<FeedEvent> Events => [.. events];

        public async Task HandleAsync(FeedEvent feedEvent, CancellationToken cancellationToken)
        {
            if (events.Count == StallAfter)
            {
                Stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            events.Enqueue(feedEvent);
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (events.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{events.Count} of {count} events arrived");
                await Task.Delay(20);
            }
        }
    }
}
