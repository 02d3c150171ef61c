using System.Text.Json.Serialization;
using Shop.Feed.Client;

namespace Shop.Samples.OrderFeedConsumer;

/// <summary>
/// One printed line: <c>{"type":…,"order_id":…,"user_id":…,"version":…,"position":…}</c>; <c>order_id</c> is null for a
/// user event (<c>user.created</c>, <c>user.updated</c>, <c>user.deleted</c>), whose version is the user's.
/// </summary>
internal sealed record PrintedEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("order_id")] long? OrderId,
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("position")] string Position)
{
    public PrintedEvent(FeedEvent feedEvent)
        : this(feedEvent.Type, feedEvent.OrderId, feedEvent.UserId, feedEvent.Version, feedEvent.Position.ToString())
    {
    }
}
