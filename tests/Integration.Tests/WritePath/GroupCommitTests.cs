using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Orders;
using Shop.Grains.Users;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;
using Xunit.Abstractions;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// Concurrent writes of a silo share their commits (Silo/Storage/GroupCommit.cs) and keep every guarantee of a write
/// alone, on a real PostgreSQL: the stores are called as the grains call them, many at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public async Task Orders_placed_at_once_share_a_few_commits_and_each_is_stored_with_its_feed_row_record_and_event(int orders)
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, $"group-{Guid.NewGuid():N}", MailedAtOnce);
        var userId = await NewUserAsync(silo);
        var store = silo.Services.GetRequiredService<IOrderStore>();
        var ids = FreshIds(orders);

        var placed = await Task.WhenAll(ids.Select(id => PlaceAsync(store, id, userId)));

        Assert.All(placed, Assert.True);
        // A row's xmin is the transaction that inserted it; the feed rows and records are never updated, unlike the
        // order rows (their confirmation marker).
        var commits = await ScalarAsync("SELECT count(DISTINCT xmin::text) FROM order_feed WHERE order_id = ANY(@ids)", ids);
        output.WriteLine($"{orders} orders placed at once committed in {commits} transactions");
        Assert.InRange(commits, 1, 8);
        Assert.Equal(orders, await ScalarAsync("SELECT count(*) FROM orders WHERE id = ANY(@ids)", ids));
        // Each order's feed row and idempotency record committed together.
        Assert.Equal(orders, await ScalarAsync(
            "SELECT count(*) FROM order_feed f JOIN idempotency_records r ON r.resource_id = f.order_id AND r.xmin = f.xmin WHERE f.order_id = ANY(@ids)", ids));
        // Each order's event was stored and delivered: its confirmation mail went out (and its marker, batched too, stored).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await ScalarAsync("SELECT count(*) FROM orders WHERE id = ANY(@ids) AND confirmation_sent_at IS NOT NULL", ids) < orders)
        {
            Assert.True(DateTime.UtcNow < deadline, "some orders' confirmation mails were not sent within 60 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Two_sign_ups_with_one_address_in_one_batch_leave_one_told_the_address_is_taken_and_the_rest_stored()
    {
        await using var silo = await StartWithOneWriterAsync();
        var users = silo.Services.GetRequiredService<IUserStore>();
        var orders = silo.Services.GetRequiredService<IOrderStore>();
        var buyer = await NewUserAsync(silo);
        var ids = FreshIds(12);

        await using var writer = await HoldWriterAsync(users, ids[0]);
        var shared = $"shared-{Guid.NewGuid():N}@example.com";
        var first = SignUpAsync(users, ids[1], shared);
        var others = ids[2..10].Select(id => SignUpAsync(users, id, $"other-{Guid.NewGuid():N}@example.com")).ToList();
        var second = SignUpAsync(users, ids[10], shared);
        var order = PlaceAsync(orders, ids[11], buyer);
        await writer.ReleaseAsync();

        Assert.Equal(UserWrite.Stored, await writer.Held);
        Assert.Equal(UserWrite.Stored, await first);
        Assert.Equal(UserWrite.EmailTaken, await second);
        Assert.All(await Task.WhenAll(others), outcome => Assert.Equal(UserWrite.Stored, outcome));
        Assert.True(await order);
        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM users WHERE id = ANY(@ids)", ids));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM users WHERE id = ANY(@ids)", [ids[10]]));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM orders WHERE id = ANY(@ids)", ids));
    }

    [Fact]
    public async Task An_idempotency_key_used_twice_in_one_batch_places_one_order()
    {
        await using var silo = await StartWithOneWriterAsync();
        var orders = silo.Services.GetRequiredService<IOrderStore>();
        var buyer = await NewUserAsync(silo);
        var ids = FreshIds(3);
        var key = $"orders:{Guid.NewGuid():N}";

        await using var writer = await HoldWriterAsync(silo.Services.GetRequiredService<IUserStore>(), ids[0]);
        var first = PlaceAsync(orders, ids[1], buyer, key);
        var repeat = PlaceAsync(orders, ids[2], buyer, key);
        await writer.ReleaseAsync();

        Assert.True(await first);
        Assert.False(await repeat);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM orders WHERE id = ANY(@ids)", ids));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM order_feed WHERE order_id = ANY(@ids)", ids));
    }

    // One writer, so what queues while it is held (HoldWriterAsync) goes out in one batch.
    private Task<TestSilo> StartWithOneWriterAsync() => TestSilo.StartAsync(
        _connectionString, $"group-{Guid.NewGuid():N}", new Dictionary<string, string?>(MailedAtOnce) { ["Storage:GroupCommit:Writers"] = "1" });

    private static async Task<long> NewUserAsync(TestSilo silo) => (await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
        new CreateUser { Email = $"group-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" })).Id;

    /// <summary>
    /// Holds the one writer: a sign-up under an idempotency key that an open transaction of the test holds waits for
    /// that lock, so whatever is queued meanwhile goes out in one batch once <see cref="HeldWriter.ReleaseAsync"/>.
    /// </summary>
    private async Task<HeldWriter> HoldWriterAsync(IUserStore users, long userId)
    {
        var key = $"users:{Guid.NewGuid():N}";
        var holder = new NpgsqlConnection(_connectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(
            "INSERT INTO idempotency_records (key, fingerprint, expires_at) VALUES (@key, 'held', now() + interval '1 hour')", holder, hold))
        {
            claim.Parameters.AddWithValue("key", key);
            await claim.ExecuteNonQueryAsync();
        }

        var held = SignUpAsync(users, userId, $"held-{Guid.NewGuid():N}@example.com", key);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", []) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer never waited for the held key");
            await Task.Delay(20);
        }

        return new HeldWriter(holder, hold, held);
    }

    /// <param name="Held">The held sign-up: stored once released (the key is free again).</param>
    private sealed record HeldWriter(NpgsqlConnection Holder, NpgsqlTransaction Hold, Task<UserWrite> Held) : IAsyncDisposable
    {
        public Task ReleaseAsync() => Hold.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await Hold.DisposeAsync();
            await Holder.DisposeAsync();
        }
    }

    // Order and user ids far above what the silo's id blocks hand out, so nothing else in the test can take them.
    private static long[] FreshIds(int count)
    {
        var first = 1_000_000_000_000L + Random.Shared.NextInt64(1_000_000_000L) * 1_000;
        return [.. Enumerable.Range(0, count).Select(i => first + i)];
    }

    private static Task<bool> PlaceAsync(IOrderStore store, long orderId, long userId, string? key = null)
    {
        var items = new[] { new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m } };
        var order = new OrderState
        {
            UserId = userId, Items = [.. items], Total = 9.5m, Currency = "EUR", Status = OrderStatus.Pending,
            CreatedAt = Now, UpdatedAt = Now, Version = 1,
        };
        var placed = new OrderPlaced { OrderId = orderId, UserId = userId, Items = items, Total = 9.5m, Currency = "EUR", PlacedAt = Now };
        return store.PlaceAsync(orderId, order, placed, Record(key ?? $"orders:{Guid.NewGuid():N}"));
    }

    private static Task<UserWrite> SignUpAsync(IUserStore store, long userId, string email, string? key = null)
    {
        var user = new UserState { Email = email, Name = "Ada", CreatedAt = Now, UpdatedAt = Now, Version = 1 };
        var created = new UserCreated { UserId = userId, Email = email, Name = "Ada", CreatedAt = Now };
        return store.CreateAsync(userId, user, "not a hash", created, Record(key ?? $"users:{Guid.NewGuid():N}"));
    }

    private static KeyedIdempotencyRecord Record(string key) =>
        new(key, new IdempotencyRecord { Fingerprint = "fingerprint", ExpiresAt = Now.AddDays(1) });

    private async Task<long> ScalarAsync(string sql, long[] ids)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Dictionary<string, string?> MailedAtOnce => new()
    {
        ["Email:WelcomeDelay"] = "00:00:00",
        ["Silo:DataDirectory"] = Directory.CreateTempSubdirectory("shop-group-").FullName,
    };
}
