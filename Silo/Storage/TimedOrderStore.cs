using System.Globalization;
using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Orders;

namespace Shop.Silo.Storage;

/// <summary>The <c>orders</c> table through <see cref="StorageTimer"/>, under grain type <c>order</c>.</summary>
public sealed class TimedOrderStore(IOrderStore inner, StorageTimer timer) : IOrderStore
{
    private const string GrainType = "order";
    private const string Table = "orders";

    public Task<OrderState?> ReadAsync(long orderId) => timer.TimeAsync("read", GrainType, Id(orderId), Table, () => inner.ReadAsync(orderId));

    public Task<bool> PlaceAsync(long orderId, OrderState order, OrderPlaced placed, KeyedIdempotencyRecord? record) =>
        timer.TimeAsync("write", GrainType, Id(orderId), Table, () => inner.PlaceAsync(orderId, order, placed, record));

    public Task<bool> UpdateAsync(long orderId, long expectedVersion, OrderState changedOrder, OrderStatusChanged changed) =>
        timer.TimeAsync("write", GrainType, Id(orderId), Table, () => inner.UpdateAsync(orderId, expectedVersion, changedOrder, changed));

    public Task<IReadOnlyList<StoredOrder>> ListAsync(long userId, int limit, long? beforeId) =>
        timer.TimeAsync("read", GrainType, $"user/{userId}", Table, () => inner.ListAsync(userId, limit, beforeId));

    public Task<bool> HasOpenOrdersAsync(long userId) =>
        timer.TimeAsync("read", GrainType, $"user/{userId}", Table, () => inner.HasOpenOrdersAsync(userId));

    public Task<OrderConfirmationStatus?> ReadConfirmationAsync(long orderId) =>
        timer.TimeAsync("read", GrainType, Id(orderId), Table, () => inner.ReadConfirmationAsync(orderId));

    public Task MarkConfirmationSentAsync(long orderId, EmailJobState sent) =>
        timer.TimeAsync("write", GrainType, Id(orderId), Table, () => inner.MarkConfirmationSentAsync(orderId, sent));

    private static string Id(long orderId) => string.Create(CultureInfo.InvariantCulture, $"{GrainType}/{orderId}");
}
