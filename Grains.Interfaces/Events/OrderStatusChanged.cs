using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Interfaces.Events;

/// <summary>
/// An order moved from <see cref="From"/> to <see cref="To"/>, becoming <see cref="Version"/>. Published on
/// <see cref="ShopStreams.Orders"/> under the order's id.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.events.order-status-changed.v1")]
public sealed record OrderStatusChanged : IOrderEvent
{
    [Id(0)] public required long OrderId { get; init; }

    [Id(1)] public required long UserId { get; init; }

    [Id(2)] public required OrderStatus From { get; init; }

    [Id(3)] public required OrderStatus To { get; init; }

    [Id(4)] public required long Version { get; init; }

    [Id(5)] public required DateTimeOffset ChangedAt { get; init; }
}
