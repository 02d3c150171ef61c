namespace Shop.Grains.Interfaces.Orders;

[GenerateSerializer, Immutable, Alias("shop.order-item.v1")]
public sealed record OrderItem
{
    [Id(0)] public required string Sku { get; init; }

    [Id(1)] public required int Quantity { get; init; }

    [Id(2)] public required decimal UnitPrice { get; init; }
}
