using System.ComponentModel;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>One page of a user's orders, newest first.</summary>
public sealed record OrderList
{
    public required IReadOnlyList<Order> Items { get; init; }

    [Description("Pass as ?cursor= to get the next page; null on the last page.")]
    public string? NextCursor { get; init; }
}
