using System.Text.Json;
using Shop.Grains.Interfaces.Events;

namespace Shop.Feed.Client;

/// <summary>
/// One event of the feed. <see cref="Type"/> is one of <see cref="OrderFeedEvents"/>' names and <see cref="Payload"/>
/// the event record as JSON: <see cref="OrderPlaced"/> and <see cref="OrderStatusChanged"/> for an order event, with
/// the order's id and version; <see cref="UserCreated"/>, <see cref="UserUpdated"/> and <see cref="UserDeleted"/> for
/// a user event, whose <see cref="OrderId"/> is null and whose <see cref="Version"/> is the user's.
/// Delivery is at least once: skip an order's (or a user's) events at or below a <see cref="Version"/> already handled.
/// </summary>
public sealed record FeedEvent(
    FeedPosition Position,
    string Type,
    long? OrderId,
    long UserId,
    long Version,
    DateTimeOffset OccurredAt,
    JsonElement Payload)
{
    /// <summary>An event of a user (<c>user.*</c>) rather than of one of its orders.</summary>
    public bool IsUserEvent => OrderId is null;

    /// <summary>The partition the event is in (<see cref="FeedPartitions.Of"/> its user).</summary>
    public int Partition => FeedPartitions.Of(UserId);

    /// <summary>The payload as its contract record, e.g. <c>As&lt;OrderPlaced&gt;()</c> when <see cref="Type"/> says so.</summary>
    public T As<T>() => Payload.Deserialize<T>(OrderFeedEvents.Json)
        ?? throw new JsonException($"Feed event {Position} has an empty payload.");
}
