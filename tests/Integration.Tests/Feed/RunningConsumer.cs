using Shop.Feed.Client;

namespace Shop.Integration.Tests.Feed;

/// <summary>One instance running until disposed, which stops it as a host would (it hands its partitions back).</summary>
internal sealed class RunningConsumer : IAsyncDisposable
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
