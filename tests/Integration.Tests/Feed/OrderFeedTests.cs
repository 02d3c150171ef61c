using Npgsql;
using Shop.Feed.Client;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Orders;
using Shop.Silo.Storage;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>The order feed on PostgreSQL: written with each change, read in commit order, from any start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OrderFeedTests(PostgresServer postgres) : FeedTestBase(postgres)
{
    [Fact]
    public async Task Placing_and_changing_an_order_writes_each_feed_row_in_the_commit_of_the_change()
    {
        var userId = await Shop.NewUserAsync();
        var orderId = await Shop.PlaceAsync(userId);
        var placedIn = await Shop.ScalarAsync<long>($"SELECT xmin::text::bigint FROM orders WHERE id = {orderId}");
        await Shop.ApplyAsync(orderId, OrderAction.Pay);
        var paidIn = await Shop.ScalarAsync<long>($"SELECT xmin::text::bigint FROM orders WHERE id = {orderId}");

        var events = (await Shop.ReadAllAsync(FeedStart.Beginning)).Where(e => e.OrderId == orderId).ToList();

        Assert.Equal([OrderFeedEvents.OrderPlaced, OrderFeedEvents.OrderStatusChanged], events.Select(e => e.Type));
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.All(events, e => Assert.Equal(userId, e.UserId));
        // The xid of the transaction that wrote the order row is the feed row's tx: one commit for both.
        Assert.Equal([placedIn, paidIn], events.Select(e => e.Position.Transaction));
        var placed = events[0].As<OrderPlaced>();
        Assert.Equal(9.5m, placed.Total);
        Assert.Equal("BOOK", Assert.Single(placed.Items).Sku);
        var paid = events[1].As<OrderStatusChanged>();
        Assert.Equal((OrderStatus.Pending, OrderStatus.Paid), (paid.From, paid.To));
    }

    [Fact]
    public async Task A_placement_that_rolls_back_leaves_no_feed_row()
    {
        var userId = await Shop.NewUserAsync();
        var orderId = await Shop.PlaceAsync(userId);
        var store = Shop.Silo.Services.GetService(typeof(IOrderStore)) as IOrderStore;
        var order = await store!.ReadAsync(orderId);
        var placed = new OrderPlaced
        {
            OrderId = orderId, UserId = userId, Items = order!.Items, Total = order.Total, Currency = order.Currency,
            PlacedAt = DateTimeOffset.UtcNow,
        };

        // The same id again: the order insert fails, and the statement with its feed row and its outbox row rolls back.
        await Assert.ThrowsAsync<PostgresException>(() => store.PlaceAsync(orderId, order, placed, null));

        Assert.Equal(1L, await Shop.ScalarAsync<long>($"SELECT count(*) FROM order_feed WHERE order_id = {orderId}"));
    }

    [Fact]
    public async Task A_reader_receives_every_event_once_and_each_order_in_order_while_orders_are_written_concurrently()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Shop.NewUserAsync()));
        var orders = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Shop.PlaceAndShipAsync(users[i % users.Length])));

        // Small batches, so the reader crosses many batch boundaries.
        var events = await Shop.ReadAllAsync(FeedStart.Beginning, batchSize: 7);

        Assert.Equal(events.Count, events.Select(e => e.Position).Distinct().Count());
        Assert.Equal(events.Select(e => e.Position).Order(), events.Select(e => e.Position));
        foreach (var orderId in orders)
        {
            Assert.Equal([1L, 2L, 3L], events.Where(e => e.OrderId == orderId).Select(e => e.Version));
        }
    }

    [Fact]
    public async Task A_reader_does_not_pass_an_event_whose_transaction_is_still_open()
    {
        var userId = await Shop.NewUserAsync();
        await using var reader = Shop.Reader();
        var end = await reader.ResolveAsync(FeedStart.At(DateTimeOffset.UtcNow.AddMinutes(1)));

        // A writer that has taken its transaction id and its position but not committed yet.
        await using var connection = new NpgsqlConnection(Shop.ConnectionString);
        await connection.OpenAsync();
        await using var open = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload) VALUES ('order.placed', -1, -1, 1, now(), '{}')",
            connection, open))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var committedMeanwhile = await Shop.PlaceAsync(userId);
        Assert.Empty(await reader.ReadBatchAsync(end, 100));

        await open.CommitAsync();
        var read = await reader.ReadBatchAsync(end, 100);
        Assert.Equal([-1L, committedMeanwhile], read.Select(e => e.OrderId));
    }

    [Fact]
    public async Task Reading_from_a_time_begins_at_the_first_event_at_or_after_it()
    {
        var userId = await Shop.NewUserAsync();
        await Shop.PlaceAsync(userId);
        await Task.Delay(50);
        var from = DateTimeOffset.UtcNow;
        var later = await Shop.PlaceAsync(userId);

        var events = await Shop.ReadAllAsync(FeedStart.At(from));

        Assert.Equal(later, Assert.Single(events).OrderId);
    }

    [Fact]
    public async Task Retention_deletes_old_events_by_the_occurred_at_index_and_keeps_recent_ones()
    {
        var userId = await Shop.NewUserAsync();
        var recent = await Shop.PlaceAsync(userId);
        // As between two hourly sweeps: a week of events, and the hour that has just passed retention.
        await Shop.ExecuteAsync("""
            INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
            SELECT 'order.placed', -g, -1, 1, now() - g * interval '12 seconds', '{}'
            FROM generate_series(1, 50000) g;
            INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
            SELECT 'order.placed', -g, -1, 1, now() - interval '7 days' - g * interval '12 seconds', '{}'
            FROM generate_series(1, 300) g;
            ANALYZE order_feed;
            """);

        var plan = await PlanAsync(FeedRetentionSweeper.SweepSql);
        Assert.True(plan.Contains("ix_order_feed_occurred_at", StringComparison.Ordinal), plan);
        Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), plan);

        var sweeper = (FeedRetentionSweeper)Shop.Silo.Services.GetService(typeof(FeedRetentionSweeper))!;
        Assert.Equal(300, await sweeper.SweepOnceAsync(CancellationToken.None));
        // The 50,000 recent rows, the order placed and its user's sign-up.
        Assert.Equal(50002L, await Shop.ScalarAsync<long>("SELECT count(*) FROM order_feed"));
        Assert.Equal(1L, await Shop.ScalarAsync<long>($"SELECT count(*) FROM order_feed WHERE type = 'user.created' AND user_id = {userId}"));
        Assert.Equal(1L, await Shop.ScalarAsync<long>($"SELECT count(*) FROM order_feed WHERE order_id = {recent}"));
    }

    [Fact]
    public async Task A_sign_up_a_change_and_a_delete_each_write_their_user_event_in_order_with_versions_that_grow()
    {
        var userId = await Shop.NewUserAsync();
        var user = Shop.Silo.Grains.GetGrain<IUserGrain>(userId);
        await user.UpdateAsync(new UpdateUser { Name = "Grace", Password = "another horse battery" });
        await Shop.Silo.Grains.GetGrain<IUserCredentialsGrain>(userId).SignInAsync("another horse battery", "10.0.0.1");
        await user.DeleteAsync(expectedVersion: 2);

        var events = (await Shop.ReadAllAsync(FeedStart.Beginning)).Where(e => e.UserId == userId && e.IsUserEvent).ToList();

        // The sign-in changed no profile: no event. The delete comes one version past the last change.
        Assert.Equal([OrderFeedEvents.UserCreated, OrderFeedEvents.UserUpdated, OrderFeedEvents.UserDeleted], events.Select(e => e.Type));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.Equal("Grace", events[1].As<UserUpdated>().Name);
        Assert.All(events, e => Assert.DoesNotContain("password", e.Payload.GetRawText(), StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string> PlanAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Shop.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        command.Parameters.AddWithValue("retention", TimeSpan.FromDays(7));
        command.Parameters.AddWithValue("batch", 10_000);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
