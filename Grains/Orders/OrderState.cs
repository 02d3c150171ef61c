using System.Collections.Immutable;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Orders;

[GenerateSerializer, Immutable, Alias("shop.order-state.v1")]
public sealed record OrderState
{
    [Id(0)] public long UserId { get; init; }

    [Id(1)] public ImmutableArray<OrderItem> Items { get; init; } = [];

    [Id(2)] public decimal Total { get; init; }

    [Id(3)] public string Currency { get; init; } = "";

    [Id(4)] public OrderStatus Status { get; init; }

    [Id(5)] public DateTimeOffset CreatedAt { get; init; }

    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(7)] public long Version { get; init; }

    public OrderView ToView(long id) => new()
    {
        Id = id,
        UserId = UserId,
        Items = Items,
        Total = Total,
        Currency = Currency,
        Status = Status,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Version = Version,
    };
}
