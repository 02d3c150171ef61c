using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;

namespace Shop.Grains.Orders;

/// <summary>
/// Where orders live: the <c>orders</c> table on PostgreSQL (Silo/Storage/PostgresOrderStore.cs), an
/// <see cref="EmbeddedTablesGrain"/> in the embedded default. Each change is stored with its event in one commit, so a
/// stored order never misses its event and an event never describes an order that was not stored.
/// </summary>
public interface IOrderStore
{
    /// <returns>The order, or null when none is stored under this id.</returns>
    Task<OrderState?> ReadAsync(long orderId);

    /// <summary>Stores a new order, its <see cref="OrderPlaced"/> event and, when given, its idempotency record at once.</summary>
    /// <returns>False, with nothing stored, when <paramref name="record"/>'s key already has a live record.</returns>
    Task<bool> PlaceAsync(long orderId, OrderState order, OrderPlaced placed, KeyedIdempotencyRecord? record);

    /// <summary>Stores <paramref name="changedOrder"/> and its event if the stored order is still at <paramref name="expectedVersion"/>.</summary>
    /// <returns>False, with nothing stored, when the order moved on meanwhile (or is not there).</returns>
    Task<bool> UpdateAsync(long orderId, long expectedVersion, OrderState changedOrder, OrderStatusChanged changed);

    /// <summary>Up to <paramref name="limit"/> of the user's orders with ids below <paramref name="beforeId"/>, newest first.</summary>
    Task<IReadOnlyList<StoredOrder>> ListAsync(long userId, int limit, long? beforeId);

    /// <summary>Whether any of the user's orders still needs the user (<see cref="OrderLifecycle.IsOpen"/>).</summary>
    Task<bool> HasOpenOrdersAsync(long userId);

    /// <returns>The order with its confirmation mail's sent marker, or null when none is stored under this id.</returns>
    Task<OrderConfirmationStatus?> ReadConfirmationAsync(long orderId);

    /// <summary>Stores that the order's confirmation mail went out (on the order's row: no row of its own).</summary>
    Task MarkConfirmationSentAsync(long orderId, EmailJobState sent);
}

/// <summary>An order as its confirmation mail job reads it: what the mail says, and whether it went out.</summary>
[GenerateSerializer, Immutable, Alias("shop.order-confirmation-status.v1")]
public sealed record OrderConfirmationStatus([property: Id(0)] OrderState Order, [property: Id(1)] EmailJobState? Sent);

[GenerateSerializer, Immutable, Alias("shop.stored-order.v1")]
public sealed record StoredOrder([property: Id(0)] long Id, [property: Id(1)] OrderState State);
