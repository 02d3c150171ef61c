using System.ComponentModel;
using Shop.Grains.Interfaces.Orders;

namespace Shop.WebFront.Endpoints.Contracts;

public sealed record Order
{
    public required long Id { get; init; }

    public required long UserId { get; init; }

    public required IReadOnlyList<OrderLine> Items { get; init; }

    [Description("Computed by the server: the sum of quantity × unit price. " + Money.Description)]
    public required decimal Total { get; init; }

    public required string Currency { get; init; }

    public required OrderStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
