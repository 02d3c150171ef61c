namespace Shop.Grains.Interfaces.Orders;

[GenerateSerializer, Alias("shop.order-status.v1")]
public enum OrderStatus
{
    Pending = 0,
    Paid = 1,
    Shipped = 2,
    Delivered = 3,
    Cancelled = 4,
}
