using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Shop.Feed.Client;
using Shop.Grains.Interfaces.Events;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>
/// User events in the feed (rows with no order id, written here by SQL as the silo writes them): read as user events,
/// in the user's partition, in order with the user's orders' events.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedUserEventTests(PostgresServer postgres) : FeedTestBase(postgres)
{
    [Fact]
    public async Task A_user_event_reads_as_a_user_event_with_its_contract_record_as_payload()
    {
        var at = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        await InsertAsync(OrderFeedEvents.UserCreated, 41, 1, new UserCreated { UserId = 41, Email = "ada@example.com", Name = "Ada", CreatedAt = at });
        await InsertAsync(OrderFeedEvents.UserUpdated, 41, 2, new UserUpdated { UserId = 41, Email = "ada@example.org", Name = "Ada L.", Version = 2, UpdatedAt = at.AddHours(1) });
        await InsertAsync(OrderFeedEvents.UserDeleted, 41, 3, new UserDeleted { UserId = 41, Email = "ada@example.org", Name = "Ada L.", Version = 3, DeletedAt = at.AddHours(2) });

        var events = (await Shop.ReadAllAsync(FeedStart.Beginning)).Where(e => e.UserId == 41).ToList();

        Assert.Equal([OrderFeedEvents.UserCreated, OrderFeedEvents.UserUpdated, OrderFeedEvents.UserDeleted], events.Select(e => e.Type));
        Assert.All(events, e =>
        {
            Assert.Null(e.OrderId);
            Assert.True(e.IsUserEvent);
            Assert.Equal(FeedPartitions.Of(41), e.Partition);
        });
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.Equal("ada@example.com", events[0].As<UserCreated>().Email);
        Assert.Equal(("ada@example.org", 2L), (events[1].As<UserUpdated>().Email, events[1].As<UserUpdated>().Version));
        Assert.Equal(at.AddHours(2), events[2].As<UserDeleted>().DeletedAt);
        Assert.Equal("ada@example.org", events[2].Payload.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_consumer_group_gets_a_users_events_with_its_orders_events_in_feed_order()
    {
        var userId = await Shop.NewUserAsync();
        await InsertUpdatedAsync(userId, 2);
        var firstOrder = await Shop.PlaceAsync(userId);
        await InsertUpdatedAsync(userId, 3);
        var secondOrder = await Shop.PlaceAsync(userId);
        var all = await Shop.ReadAllAsync(FeedStart.Beginning);
        var first = new RecordingHandler();
        var second = new RecordingHandler();

        await using (Shop.RunConsumer("crm", first, "a"))
        await using (Shop.RunConsumer("crm", second, "b"))
        {
            await RecordingHandler.WaitForAsync(all.Count, first, second);
        }

        // One partition holds the user: one instance had all of its events, in the order they were written.
        var handled = first.Events.Concat(second.Events).Where(e => e.UserId == userId).ToList();
        Assert.Single(handled.Select(e => e.Partition).Distinct());
        Assert.True(first.Events.All(e => e.UserId != userId) || second.Events.All(e => e.UserId != userId));
        Assert.Equal(
            [(OrderFeedEvents.UserUpdated, (long?)null, 2L), (OrderFeedEvents.OrderPlaced, firstOrder, 1L),
             (OrderFeedEvents.UserUpdated, null, 3L), (OrderFeedEvents.OrderPlaced, secondOrder, 1L)],
            handled.Where(e => e.Type != OrderFeedEvents.UserCreated).OrderBy(e => e.Position).Select(e => (e.Type, e.OrderId, e.Version)));
        Assert.Equal(handled.Select(e => e.Position).Order(), handled.Select(e => e.Position));
    }

    private Task InsertUpdatedAsync(long userId, long version) => InsertAsync(OrderFeedEvents.UserUpdated, userId, version,
        new UserUpdated { UserId = userId, Email = $"u{version}@example.com", Name = "Ada", Version = version, UpdatedAt = DateTimeOffset.UtcNow });

    private async Task InsertAsync<TEvent>(string type, long userId, long version, TEvent payload)
    {
        await using var connection = new NpgsqlConnection(Shop.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
            VALUES (@type, NULL, @user, @version, now(), @payload)
            """, connection);
        insert.Parameters.AddWithValue("type", type);
        insert.Parameters.AddWithValue("user", userId);
        insert.Parameters.AddWithValue("version", version);
        insert.Parameters.AddWithValue("payload", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(payload, OrderFeedEvents.Json));
        await insert.ExecuteNonQueryAsync();
    }
}
