namespace Shop.Grains.Interfaces.Orders;

/// <summary>What a caller asks of an order; the order's lifecycle decides whether it may.</summary>
[GenerateSerializer, Alias("shop.order-action.v1")]
public enum OrderAction
{
    Pay = 0,
    Ship = 1,
    Deliver = 2,
    Cancel = 3,
}
