using System.Text.Json;
using Shop.Grains.Interfaces.Events;

namespace Shop.Feed.Client;

/// <summary>
/// One order event of the feed. <see cref="Type"/> is one of <see cref="OrderFeedEvents"/>' names and
/// <see cref="Payload"/> the event record (<see cref="OrderPlaced"/>, <see cref="OrderStatusChanged"/>) as JSON.
/// Delivery is at least once: skip an order's events at or below a <see cref="Version"/> already handled.
/// </summary>
public sealed record FeedEvent(
    FeedPosition Position,
    string Type,
    long OrderId,
    long UserId,
    long Version,
    DateTimeOffset OccurredAt,
    JsonElement Payload)
{
    /// <summary>The payload as its contract record, e.g. <c>As&lt;OrderPlaced&gt;()</c> when <see cref="Type"/> says so.</summary>
    public T As<T>() => Payload.Deserialize<T>(OrderFeedEvents.Json)
        ?? throw new JsonException($"Feed event {Position} has an empty payload.");
}
