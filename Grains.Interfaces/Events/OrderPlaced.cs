using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Interfaces.Events;

/// <summary>An order was placed (version 1). Published on <see cref="ShopStreams.Orders"/> under the order's id.</summary>
[GenerateSerializer, Immutable, Alias("shop.events.order-placed.v1")]
public sealed record OrderPlaced : IOrderEvent
{
    [Id(0)] public required long OrderId { get; init; }

    [Id(1)] public required long UserId { get; init; }

    [Id(2)] public required IReadOnlyList<OrderItem> Items { get; init; }

    [Id(3)] public required decimal Total { get; init; }

    [Id(4)] public required string Currency { get; init; }

    [Id(5)] public required DateTimeOffset PlacedAt { get; init; }

    [Id(6)] public long Version { get; init; } = 1;
}
