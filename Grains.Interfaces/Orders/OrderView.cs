namespace Shop.Grains.Interfaces.Orders;

[GenerateSerializer, Immutable, Alias("shop.order.v1")]
public sealed record OrderView
{
    [Id(0)] public required long Id { get; init; }

    [Id(1)] public required long UserId { get; init; }

    [Id(2)] public required IReadOnlyList<OrderItem> Items { get; init; }

    [Id(3)] public required decimal Total { get; init; }

    [Id(4)] public required string Currency { get; init; }

    [Id(5)] public required OrderStatus Status { get; init; }

    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(7)] public required DateTimeOffset UpdatedAt { get; init; }

    [Id(8)] public required long Version { get; init; }

    // Value equality all the way down: two reads of one unchanged order are equal, whatever list holds the items.
    public bool Equals(OrderView? other) =>
        other is not null
        && Id == other.Id
        && UserId == other.UserId
        && Total == other.Total
        && Currency == other.Currency
        && Status == other.Status
        && CreatedAt == other.CreatedAt
        && UpdatedAt == other.UpdatedAt
        && Version == other.Version
        && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Id, Version);
}
