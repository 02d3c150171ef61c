using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Shop.Grains.Interfaces.Events;

namespace Shop.Silo.Storage;

/// <summary>
/// The order feed row (migration 0008) as one more CTE of the statement that stores an order change, so the row commits
/// with the change at no extra round trip. The CTE selects from the statement's own CTE that returns the stored order's
/// <c>id</c>: no row stored, no feed row.
/// </summary>
internal static class FeedSql
{
    /// <summary>Opens the CTE; the statement closes it with <c>FROM its_cte)</c>.</summary>
    public const string Insert = """
        fed AS (
            INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
            SELECT @feed_type, id, @feed_user_id, @feed_version, @feed_occurred_at, @feed_payload
        """;

    /// <summary>
    /// <see cref="Insert"/> for a user event: the row has no order, and its <c>user_id</c> is the <c>id</c> the
    /// statement's own CTE returns.
    /// </summary>
    public const string InsertUserEvent = $"""
        fed AS (
            {UserEventRow}
        """;

    /// <summary>
    /// <see cref="InsertUserEvent"/> as a statement's last part, so the statement's rows affected are the feed rows
    /// stored: the statement closes it with <c>FROM its_cte</c>.
    /// </summary>
    public const string UserEventRow = """
        INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
            SELECT @feed_type, NULL, id, @feed_version, @feed_occurred_at, @feed_payload
        """;

    public static void AddUserEvent<TEvent>(NpgsqlParameterCollection parameters, string type, long version, DateTimeOffset occurredAt, TEvent item)
    {
        parameters.AddWithValue("feed_type", type);
        parameters.AddWithValue("feed_version", version);
        parameters.AddWithValue("feed_occurred_at", occurredAt);
        parameters.AddWithValue("feed_payload", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(item, OrderFeedEvents.Json));
    }

    public static void Add<TEvent>(NpgsqlParameterCollection parameters, string type, TEvent item, DateTimeOffset occurredAt)
        where TEvent : IOrderEvent
    {
        parameters.AddWithValue("feed_type", type);
        parameters.AddWithValue("feed_user_id", item.UserId);
        parameters.AddWithValue("feed_version", item.Version);
        parameters.AddWithValue("feed_occurred_at", occurredAt);
        parameters.AddWithValue("feed_payload", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(item, OrderFeedEvents.Json));
    }
}
