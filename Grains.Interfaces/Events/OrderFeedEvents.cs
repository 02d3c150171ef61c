using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Events;

/// <summary>
/// The order feed: every order and user event in one ordered table (<c>order_feed</c>) that other services read from
/// PostgreSQL with the <c>Shop.Feed.Client</c> package. A feed row's <c>type</c> is one of these names and its payload
/// is the event record as JSON written with <see cref="Json"/>. User events carry no order id.
/// </summary>
public static class OrderFeedEvents
{
    /// <summary>An <see cref="OrderPlaced"/>.</summary>
    public const string OrderPlaced = "order.placed";

    /// <summary>An <see cref="OrderStatusChanged"/>.</summary>
    public const string OrderStatusChanged = "order.status_changed";

    /// <summary>A <see cref="Events.UserCreated"/>; the row's order id is null, as for every user event.</summary>
    public const string UserCreated = "user.created";

    /// <summary>A <see cref="Events.UserUpdated"/>.</summary>
    public const string UserUpdated = "user.updated";

    /// <summary>A <see cref="Events.UserDeleted"/>.</summary>
    public const string UserDeleted = "user.deleted";

    /// <summary>
    /// snake_case names and enum names as text, so the payload reads well in SQL and in any language, and survives a
    /// reordering of an enum.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        json.MakeReadOnly(populateMissingResolver: true);
        return json;
    }
}
