namespace Shop.Grains.Interfaces.Orders;

/// <summary>One page of a user's orders, newest first. <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("shop.order-page.v1")]
public sealed record OrderPage
{
    [Id(0)] public required IReadOnlyList<OrderView> Items { get; init; }

    [Id(1)] public long? NextCursor { get; init; }
}
