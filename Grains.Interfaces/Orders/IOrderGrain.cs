using Orleans.Concurrency;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>One order, keyed by its id. New orders are placed through <see cref="IOrderDirectoryGrain"/>.</summary>
[Alias("shop.IOrderGrain")]
public interface IOrderGrain : IGrainWithIntegerKey
{
    /// <returns>The order, or null when there is none with this id.</returns>
    /// <remarks>Interleaves: a read never waits behind a write, and sees only stored changes.</remarks>
    [Alias("get"), AlwaysInterleave]
    Task<OrderView?> GetAsync();

    /// <summary>Moves the order on; refused with <c>InvalidTransition</c> when its lifecycle does not allow it.</summary>
    [Alias("apply")]
    Task<OrderView> ApplyAsync(OrderAction action, long? expectedVersion);
}
