using Orleans.Concurrency;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Users;

/// <summary>
/// The user grain's side of placing an order, kept off the public contract: the user grain is where a new order and
/// a delete of its user meet, so one of them always sees the other.
/// </summary>
[Alias("shop.IUserOrderLedgerGrain")]
public interface IUserOrderLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Stores a validated order under the fresh id <paramref name="orderId"/>, with its event and its idempotency
    /// record; fails with NotFound when there is no user. The user's own row is not written.
    /// </summary>
    /// <remarks>Interleaves with the user's other calls but never with its delete (<see cref="PlacementGate"/>).</remarks>
    [Alias("place-order"), AlwaysInterleave]
    Task<OrderView> PlaceOrderAsync(long orderId, PlaceOrder command);
}
