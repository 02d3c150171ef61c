using Npgsql;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;

namespace Shop.Integration.Tests.WritePath;

/// <summary>The guarantees of the write path on PostgreSQL, with orders in their own table.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OrderTableTests(PostgresServer postgres) : IAsyncLifetime
{
    private string _connectionString = "";
    private TestSilo? _silo;

    private TestSilo Silo => _silo!;

    public async Task InitializeAsync()
    {
        _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());
        _silo = await TestSilo.StartAsync(_connectionString, $"orders-{Guid.NewGuid():N}");
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Listing_pages_newest_first_and_a_cursor_stays_stable_while_new_orders_arrive()
    {
        var userId = await NewUserAsync();
        var placed = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add((await PlaceAsync(userId)).Id);
        }

        var user = Silo.Grains.GetGrain<IUserGrain>(userId);
        var first = await user.ListOrdersAsync(2, null);
        await PlaceAsync(userId);
        var second = await user.ListOrdersAsync(2, first.NextCursor);
        var third = await user.ListOrdersAsync(2, second.NextCursor);

        Assert.Equal(placed.AsEnumerable().Reverse(), first.Items.Concat(second.Items).Concat(third.Items).Select(o => o.Id));
        Assert.Null(third.NextCursor);
    }

    [Fact]
    public async Task Placing_orders_never_writes_the_user_row()
    {
        var userId = await NewUserAsync();
        var before = await UserRowVersionAsync(userId);

        for (var i = 0; i < 3; i++)
        {
            await PlaceAsync(userId);
        }

        Assert.Equal(before, await UserRowVersionAsync(userId));
    }

    [Fact]
    public async Task A_user_deleted_while_orders_are_placed_is_left_with_no_open_order()
    {
        for (var round = 0; round < 5; round++)
        {
            var userId = await NewUserAsync();
            var placements = Enumerable.Range(0, 10).Select(async _ =>
            {
                try
                {
                    await PlaceAsync(userId);
                }
                catch (DomainException refused) when (refused.Code == DomainErrorCode.NotFound)
                {
                    // Placed after the delete: refused, as it must be.
                }
            }).ToList();
            var deleted = await TryDeleteAsync(userId);
            await Task.WhenAll(placements);

            var open = await ScalarAsync<long>(
                "SELECT count(*) FROM orders WHERE user_id = @user AND status IN ('pending', 'paid', 'shipped')", userId);
            Assert.True(!deleted || open == 0, $"round {round}: the user was deleted with {open} open orders");
            Assert.Equal(deleted, await Silo.Grains.GetGrain<IUserGrain>(userId).GetAsync() is null);
        }
    }

    [Fact]
    public async Task An_order_placed_with_a_ticket_is_remembered_by_its_key_and_the_key_places_nothing_more()
    {
        var userId = await NewUserAsync();
        var ticket = new IdempotencyTicket { Key = $"orders:{Guid.NewGuid():N}", Fingerprint = "fingerprint" };
        var record = Silo.Grains.GetGrain<IIdempotencyGrain>(ticket.Key);
        Assert.Equal(IdempotencyClaimStatus.InProgress, (await record.RecallAsync("fingerprint")).Status);
        var order = await PlaceAsync(userId, ticket);

        // A second placement under the same key (a repeat whose answer was lost) stores nothing.
        var refused = await Assert.ThrowsAsync<DomainException>(() => PlaceAsync(userId, ticket));
        Assert.Equal(DomainErrorCode.IdempotencyKeyHeld, refused.Code);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM orders WHERE user_id = @user", userId));

        // The key's grain keeps nothing: recalled after the refusal, it reads the record the order stored.
        var claim = await record.RecallAsync("fingerprint");
        Assert.Equal(IdempotencyClaimStatus.Completed, claim.Status);
        Assert.Equal(order.Id, claim.ResourceId);
        var reused = await Assert.ThrowsAsync<DomainException>(() => record.RecallAsync("another-request"));
        Assert.Equal(DomainErrorCode.IdempotencyKeyReused, reused.Code);
    }

    [Theory]
    [InlineData("SELECT id FROM orders WHERE user_id = 7 AND id < 1000 ORDER BY id DESC LIMIT 21", "ix_orders_user_id")]
    [InlineData("SELECT EXISTS (SELECT 1 FROM orders WHERE user_id = 7 AND status IN ('pending', 'paid', 'shipped'))", "ix_orders_user_open")]
    [InlineData("DELETE FROM idempotency_records WHERE expires_at < now()", "ix_idempotency_records_expires")]
    public async Task The_queries_of_orders_and_idempotency_records_are_served_by_their_indexes(string query, string index)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        // Test tables are tiny, where a scan is cheapest; what matters is that an index can answer once they are not.
        await using (var noScans = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noScans.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand($"EXPLAIN {query}", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    private async Task<long> NewUserAsync() =>
        (await Silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
            new CreateUser { Email = $"u-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" })).Id;

    private Task<OrderView> PlaceAsync(long userId, IdempotencyTicket? ticket = null) =>
        Silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
        {
            UserId = userId,
            Currency = "EUR",
            Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m }],
            Idempotency = ticket,
        });

    private async Task<bool> TryDeleteAsync(long userId)
    {
        try
        {
            await Silo.Grains.GetGrain<IUserGrain>(userId).DeleteAsync(null);
            return true;
        }
        catch (DomainException refused) when (refused.Code == DomainErrorCode.Conflict)
        {
            return false;
        }
    }

    private Task<long> UserRowVersionAsync(long userId) =>
        ScalarAsync<long>("SELECT revision FROM users WHERE id = @user", userId);

    private async Task<T> ScalarAsync<T>(string sql, long userId)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("user", userId);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
