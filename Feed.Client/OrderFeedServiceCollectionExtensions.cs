using Microsoft.Extensions.Options;

namespace Shop.Feed.Client;

public static class OrderFeedServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ShopOrderFeed"/>, the reader of the shop's order feed, with its options validated at start-up.
    /// </summary>
    public static IServiceCollection AddShopOrderFeed(this IServiceCollection services, Action<OrderFeedOptions> configure)
    {
        services.AddOptions<OrderFeedOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ShopOrderFeed>();
        return services;
    }

    /// <summary>
    /// Runs the consumer group <see cref="FeedConsumerOptions.Group"/> in this process with
    /// <typeparamref name="THandler"/> (needs <see cref="AddShopOrderFeed"/>). Start as many processes as you like: they
    /// split the feed's <see cref="FeedPartitions.Count"/> partitions between them, and take over a dead one's.
    /// </summary>
    public static IServiceCollection AddShopOrderFeedConsumer<THandler>(
        this IServiceCollection services, Action<FeedConsumerOptions> configure)
        where THandler : class, IOrderFeedHandler
    {
        var name = typeof(THandler).FullName!;
        services.AddOptions<FeedConsumerOptions>(name).Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<THandler>();
        services.AddSingleton<IHostedService>(provider => new OrderFeedConsumer(
            provider.GetRequiredService<ShopOrderFeed>(),
            provider.GetRequiredService<THandler>(),
            provider.GetRequiredService<IOptionsMonitor<FeedConsumerOptions>>().Get(name),
            provider.GetRequiredService<ILogger<OrderFeedConsumer>>()));
        return services;
    }
}
