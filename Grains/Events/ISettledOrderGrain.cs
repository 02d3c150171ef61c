using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Events;

/// <summary>
/// A read of an order that queues behind the change the grain is making, unlike <see cref="IOrderGrain.GetAsync"/>:
/// order events are published before the change is stored, and this read sees whether it was.
/// </summary>
[Alias("shop.ISettledOrderGrain")]
public interface ISettledOrderGrain : IGrainWithIntegerKey
{
    /// <returns>The order, or null when there is none with this id.</returns>
    [Alias("get-settled")]
    Task<OrderView?> GetSettledAsync();
}
