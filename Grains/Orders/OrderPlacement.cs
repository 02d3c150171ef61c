using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Orders;

/// <summary>What a valid <see cref="PlaceOrder"/> becomes: the stored order at version 1 and the event announcing it.</summary>
public static class OrderPlacement
{
    public static (OrderState Order, OrderPlaced Placed) Place(long orderId, PlaceOrder command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
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
        return (order, new OrderPlaced
        {
            OrderId = orderId,
            UserId = order.UserId,
            Items = order.Items,
            Total = order.Total,
            Currency = order.Currency,
            PlacedAt = now,
            Version = order.Version,
        });
    }
}
