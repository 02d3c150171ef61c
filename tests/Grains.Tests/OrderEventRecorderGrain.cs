using System.Collections.Concurrent;
using System.Collections.Immutable;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Grains.Interfaces.Events;

namespace Shop.Grains.Tests;

public interface IOrderEventRecorderGrain : IGrainWithIntegerKey;

/// <summary>
/// A consumer of order events as the provider allows them: an implicit subscription, like the e-mail jobs. It keeps
/// what it is handed, per order and in arrival order, where a test in the same process can read it.
/// </summary>
[ImplicitStreamSubscription(ShopStreams.Orders)]
public sealed class OrderEventRecorderGrain : Grain, IOrderEventRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<IOrderEvent>
{
    private static readonly ConcurrentDictionary<long, ImmutableList<IOrderEvent>> Seen = new();

    /// <summary>The events of order <paramref name="orderId"/> in the order they arrived, repeats included.</summary>
    public static IReadOnlyList<IOrderEvent> SeenFor(long orderId) => Seen.GetValueOrDefault(orderId, []);

    async Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<IOrderEvent>().ResumeAsync(this);

    Task IAsyncObserver<IOrderEvent>.OnNextAsync(IOrderEvent item, StreamSequenceToken? token)
    {
        Seen.AddOrUpdate(this.GetPrimaryKeyLong(), [item], (_, seen) => seen.Add(item));
        return Task.CompletedTask;
    }

    Task IAsyncObserver<IOrderEvent>.OnCompletedAsync() => Task.CompletedTask;

    Task IAsyncObserver<IOrderEvent>.OnErrorAsync(Exception ex) => Task.CompletedTask;
}
