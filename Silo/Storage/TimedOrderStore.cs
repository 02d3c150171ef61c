using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Orders;

namespace Shop.Silo.Storage;

/// <summary>The <c>orders</c> table through <see cref="StorageTimer"/>, under grain type <c>order</c>.</summary>
public sealed class TimedOrderStore(IOrderStore inner, StorageTimer timer) : IOrderStore
{
    private readonly TableTimer _timer = new(timer, "order", "orders");

    public Task<OrderState?> ReadAsync(long orderId) => _timer.ReadAsync(orderId, () => inner.ReadAsync(orderId));

    public Task<bool> PlaceAsync(long orderId, OrderState order, OrderPlaced placed, KeyedIdempotencyRecord? record) =>
        _timer.WriteAsync(orderId, () => inner.PlaceAsync(orderId, order, placed, record));

    public Task<bool> UpdateAsync(long orderId, long expectedVersion, OrderState changedOrder, OrderStatusChanged changed) =>
        _timer.WriteAsync(orderId, () => inner.UpdateAsync(orderId, expectedVersion, changedOrder, changed));

    public Task<IReadOnlyList<StoredOrder>> ListAsync(long userId, int limit, long? beforeId) =>
        _timer.ReadAsync($"user/{userId}", () => inner.ListAsync(userId, limit, beforeId));

    public Task<bool> HasOpenOrdersAsync(long userId) =>
        _timer.ReadAsync($"user/{userId}", () => inner.HasOpenOrdersAsync(userId));

    public Task<OrderConfirmationStatus?> ReadConfirmationAsync(long orderId) =>
        _timer.ReadAsync(orderId, () => inner.ReadConfirmationAsync(orderId));

    public Task MarkConfirmationSentAsync(long orderId, EmailJobState sent) =>
        _timer.WriteAsync(orderId, () => inner.MarkConfirmationSentAsync(orderId, sent));
}
