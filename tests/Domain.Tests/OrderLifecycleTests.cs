using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Orders;

namespace Shop.Domain.Tests;

public sealed class OrderLifecycleTests
{
    [Theory]
    [InlineData(OrderStatus.Pending, OrderAction.Pay, OrderStatus.Paid)]
    [InlineData(OrderStatus.Paid, OrderAction.Ship, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Shipped, OrderAction.Deliver, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Pending, OrderAction.Cancel, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Paid, OrderAction.Cancel, OrderStatus.Cancelled)]
    public void Allowed_transitions_move_the_order_on(OrderStatus from, OrderAction action, OrderStatus to) =>
        Assert.Equal(to, OrderLifecycle.Apply(from, action));

    public static TheoryData<OrderStatus, OrderAction> RefusedTransitions()
    {
        var allowed = new HashSet<(OrderStatus, OrderAction)>
        {
            (OrderStatus.Pending, OrderAction.Pay),
            (OrderStatus.Paid, OrderAction.Ship),
            (OrderStatus.Shipped, OrderAction.Deliver),
            (OrderStatus.Pending, OrderAction.Cancel),
            (OrderStatus.Paid, OrderAction.Cancel),
        };
        var data = new TheoryData<OrderStatus, OrderAction>();
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            foreach (var action in Enum.GetValues<OrderAction>())
            {
                if (!allowed.Contains((status, action)))
                {
                    data.Add(status, action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void Every_other_transition_is_refused_with_a_domain_error(OrderStatus from, OrderAction action)
    {
        var error = Assert.Throws<DomainException>(() => OrderLifecycle.Apply(from, action));
        Assert.Equal(DomainErrorCode.InvalidTransition, error.Code);
        Assert.Contains(from.ToString().ToLowerInvariant(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrderStatus.Pending, true)]
    [InlineData(OrderStatus.Paid, true)]
    [InlineData(OrderStatus.Shipped, true)]
    [InlineData(OrderStatus.Delivered, false)]
    [InlineData(OrderStatus.Cancelled, false)]
    public void Only_unfinished_orders_are_open(OrderStatus status, bool open) =>
        Assert.Equal(open, OrderLifecycle.IsOpen(status));
}
