using Microsoft.Extensions.Logging;
using Shop.Grains.Events;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Storage;
using Shop.Grains.Users;

namespace Shop.Grains.Orders;

/// <summary>One order: its items and total are fixed when placed; only its status moves, along <see cref="OrderLifecycle"/>.</summary>
public sealed partial class OrderGrain(
    [PersistentState("order", "store")] IPersistentState<OrderState> state,
    TimeProvider clock,
    ILogger<OrderGrain> logger)
    : Grain, IOrderGrain, ISettledOrderGrain
{
    async Task<OrderView> IOrderGrain.PlaceAsync(PlaceOrder command)
    {
        if (state.RecordExists)
        {
            throw new DomainException(DomainErrorCode.Conflict, "An order with this id already exists.");
        }

        command = command with { Currency = command.Currency?.Trim().ToUpperInvariant()! };
        OrderRules.Validate(command);

        // The user grain serialises this against a delete of the user: either it sees this order, or the
        // order is refused because the user is gone.
        await GrainFactory.GetGrain<IUserOrderLedgerGrain>(command.UserId).AttachOrderAsync(OrderId);

        var now = clock.GetUtcNow();
        var order = new OrderState
        {
            UserId = command.UserId,
            Items = [.. command.Items],
            Total = OrderRules.Total(command.Items),
            Currency = command.Currency,
            Status = OrderStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

        // Published first: once stored, the order can never miss its event; a failed publish stores nothing.
        await this.OrderEvents(OrderId).OnNextAsync(new OrderPlaced
        {
            OrderId = OrderId,
            UserId = order.UserId,
            Items = order.Items,
            Total = order.Total,
            Currency = order.Currency,
            PlacedAt = now,
            Version = order.Version,
        });
        await state.CommitAsync(order, this);
        LogOrderPlaced(logger, OrderId, command.UserId);
        return ToView(order);
    }

    Task<OrderView?> IOrderGrain.GetAsync() => Task.FromResult(state.RecordExists ? ToView(state.State) : null);

    Task<OrderView?> ISettledOrderGrain.GetSettledAsync() => Task.FromResult(state.RecordExists ? ToView(state.State) : null);

    async Task<OrderView> IOrderGrain.ApplyAsync(OrderAction action, long? expectedVersion)
    {
        if (!state.RecordExists)
        {
            throw DomainException.NotFound("Order");
        }

        var current = state.State;
        if (expectedVersion is { } version && version != current.Version)
        {
            throw DomainException.VersionMismatch(current.Version);
        }

        var next = current with
        {
            Status = OrderLifecycle.Apply(current.Status, action),
            UpdatedAt = clock.GetUtcNow(),
            Version = current.Version + 1,
        };
        await this.OrderEvents(OrderId).OnNextAsync(new OrderStatusChanged
        {
            OrderId = OrderId,
            UserId = next.UserId,
            From = current.Status,
            To = next.Status,
            Version = next.Version,
            ChangedAt = next.UpdatedAt,
        });
        await state.CommitAsync(next, this);
        LogOrderStatusChanged(logger, OrderId, current.Status, next.Status);
        return ToView(next);
    }

    private long OrderId => this.GetPrimaryKeyLong();

    private OrderView ToView(OrderState order) => new()
    {
        Id = OrderId,
        UserId = order.UserId,
        Items = order.Items,
        Total = order.Total,
        Currency = order.Currency,
        Status = order.Status,
        CreatedAt = order.CreatedAt,
        UpdatedAt = order.UpdatedAt,
        Version = order.Version,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} placed for user {UserId}")]
    private static partial void LogOrderPlaced(ILogger logger, long orderId, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} moved from {From} to {To}")]
    private static partial void LogOrderStatusChanged(ILogger logger, long orderId, OrderStatus from, OrderStatus to);
}
