using Shop.Grains.Interfaces.Idempotency;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>A new order. There is no total here on purpose: the order grain computes it.</summary>
[GenerateSerializer, Immutable, Alias("shop.place-order.v1")]
public sealed record PlaceOrder
{
    [Id(0)] public required long UserId { get; init; }

    [Id(1)] public required IReadOnlyList<OrderItem> Items { get; init; }

    [Id(2)] public required string Currency { get; init; }

    /// <summary>Set when the request carried an <c>Idempotency-Key</c>: the order's record is stored with the order.</summary>
    [Id(3)] public IdempotencyTicket? Idempotency { get; init; }
}
