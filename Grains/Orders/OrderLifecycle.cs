using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Orders;

/// <summary>pending → paid → shipped → delivered, or cancelled from pending or paid; nothing else.</summary>
public static class OrderLifecycle
{
    public static OrderStatus Apply(OrderStatus current, OrderAction action) => (current, action) switch
    {
        (OrderStatus.Pending, OrderAction.Pay) => OrderStatus.Paid,
        (OrderStatus.Paid, OrderAction.Ship) => OrderStatus.Shipped,
        (OrderStatus.Shipped, OrderAction.Deliver) => OrderStatus.Delivered,
        (OrderStatus.Pending or OrderStatus.Paid, OrderAction.Cancel) => OrderStatus.Cancelled,
        _ => throw new DomainException(
            DomainErrorCode.InvalidTransition,
            $"An order that is {Describe(current)} cannot be {Describe(action)}."),
    };

    /// <summary>An open order still needs its user: it may be paid, shipped or delivered.</summary>
    public static bool IsOpen(OrderStatus status) => status is OrderStatus.Pending or OrderStatus.Paid or OrderStatus.Shipped;

    private static string Describe(OrderStatus status) => status.ToString().ToLowerInvariant();

    private static string Describe(OrderAction action) => action switch
    {
        OrderAction.Pay => "paid",
        OrderAction.Ship => "shipped",
        OrderAction.Deliver => "delivered",
        _ => "cancelled",
    };
}
