using Microsoft.Extensions.Logging;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Storage;

namespace Shop.Grains.Orders;

/// <summary>One order: its items and total are fixed when placed; only its status moves, along <see cref="OrderLifecycle"/>.</summary>
/// <remarks>
/// Orders are placed by their user's grain (a fresh id has nothing to read), so this grain meets its order only when
/// it is first asked about it. "Not there" is therefore never kept: the next call looks again.
/// </remarks>
public sealed partial class OrderGrain(IOrderStore store, TimeProvider clock, ILogger<OrderGrain> logger)
    : Grain, IOrderGrain
{
    private OrderState? _order;

    async Task<OrderView?> IOrderGrain.GetAsync() => await LoadAsync() is { } order ? ToView(order) : null;

    async Task<OrderView> IOrderGrain.ApplyAsync(OrderAction action, long? expectedVersion)
    {
        var current = await LoadAsync() ?? throw DomainException.NotFound("Order");
        if (expectedVersion is { } version && version != current.Version)
        {
            throw DomainException.VersionMismatch(current.Version);
        }

        var next = current with
        {
            Status = OrderLifecycle.Apply(current.Status, action),
            UpdatedAt = StoredTime.Now(clock),
            Version = current.Version + 1,
        };
        var changed = new OrderStatusChanged
        {
            OrderId = OrderId,
            UserId = next.UserId,
            From = current.Status,
            To = next.Status,
            Version = next.Version,
            ChangedAt = next.UpdatedAt,
        };
        if (!await store.UpdateAsync(OrderId, current.Version, next, changed))
        {
            // Another activation moved the order on (a membership change can briefly allow two): read it again.
            _order = null;
            DeactivateOnIdle();
            throw new DomainException(DomainErrorCode.Conflict, "The resource was changed concurrently; read it again and retry.");
        }

        _order = next;
        LogOrderStatusChanged(logger, OrderId, current.Status, next.Status);
        return ToView(next);
    }

    private long OrderId => this.GetPrimaryKeyLong();

    private async ValueTask<OrderState?> LoadAsync() => _order ??= await store.ReadAsync(OrderId);

    private OrderView ToView(OrderState order) => order.ToView(OrderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} moved from {From} to {To}")]
    private static partial void LogOrderStatusChanged(ILogger logger, long orderId, OrderStatus from, OrderStatus to);
}
