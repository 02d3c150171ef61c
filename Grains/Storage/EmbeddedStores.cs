using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Orders;

namespace Shop.Grains.Storage;

/// <summary>
/// <see cref="IOrderStore"/> of the embedded default, on <see cref="IEmbeddedTablesGrain"/>. Memory streams have no
/// transaction to join, so an event is published first and the order stored after it: a stored order never misses its
/// event, and a consumer that finds no order for an event treats it as never placed (see <see cref="ShopStreams"/>).
/// </summary>
internal sealed class EmbeddedOrderStore(IGrainFactory grains, IServiceProvider services, TimeProvider clock) : IOrderStore
{
    private IEmbeddedTablesGrain Tables => grains.GetGrain<IEmbeddedTablesGrain>(0);

    public Task<OrderState?> ReadAsync(long orderId) => Tables.ReadOrderAsync(orderId);

    public async Task<bool> PlaceAsync(long orderId, OrderState order, OrderPlaced placed, KeyedIdempotencyRecord? record)
    {
        await EventsOf(orderId).OnNextAsync(placed);
        return await Tables.PlaceOrderAsync(orderId, order, record, clock.GetUtcNow());
    }

    public async Task<bool> UpdateAsync(long orderId, long expectedVersion, OrderState changedOrder, OrderStatusChanged changed)
    {
        await EventsOf(orderId).OnNextAsync(changed);
        return await Tables.UpdateOrderAsync(orderId, expectedVersion, changedOrder);
    }

    public Task<IReadOnlyList<StoredOrder>> ListAsync(long userId, int limit, long? beforeId) => Tables.ListOrdersAsync(userId, limit, beforeId);

    public Task<bool> HasOpenOrdersAsync(long userId) => Tables.HasOpenOrdersAsync(userId);

    private IAsyncStream<IOrderEvent> EventsOf(long orderId) =>
        services.GetRequiredKeyedService<IStreamProvider>(ShopStreams.Provider)
            .GetStream<IOrderEvent>(StreamId.Create(ShopStreams.Orders, orderId));
}

/// <summary><see cref="IIdempotencyStore"/> of the embedded default, on <see cref="IEmbeddedTablesGrain"/>.</summary>
internal sealed class EmbeddedIdempotencyStore(IGrainFactory grains) : IIdempotencyStore
{
    public Task<IdempotencyRecord?> ReadAsync(string key, DateTimeOffset now) => grains.GetGrain<IEmbeddedTablesGrain>(0).ReadRecordAsync(key, now);

    public Task<bool> TryAddAsync(KeyedIdempotencyRecord record, DateTimeOffset now) =>
        grains.GetGrain<IEmbeddedTablesGrain>(0).TryAddRecordAsync(record, now);
}
