using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Feed.Client;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>A silo on a fresh database, with helpers that place and change orders through the grains and read the feed.</summary>
internal sealed class FeedTestShop : IAsyncDisposable
{
    private readonly PostgresServer postgres;
    private readonly string database;

    private FeedTestShop(PostgresServer postgres, string database, TestSilo silo)
    {
        this.postgres = postgres;
        this.database = database;
        ConnectionString = postgres.ConnectionStringFor(database);
        Silo = silo;
    }

    public string ConnectionString { get; }

    public TestSilo Silo { get; }

    public static async Task<FeedTestShop> StartAsync(PostgresServer postgres)
    {
        var database = await postgres.CreateDatabaseAsync();
        var silo = await TestSilo.StartAsync(postgres.ConnectionStringFor(database), $"feed-{Guid.NewGuid():N}",
            new Dictionary<string, string?> { ["Auth:PasswordHasher:IterationCount"] = "1000" });
        return new FeedTestShop(postgres, database, silo);
    }

    public ShopOrderFeed Reader(int batchSize = 1_000) => new(Options.Create(new OrderFeedOptions
    {
        ConnectionString = ConnectionString,
        BatchSize = batchSize,
        PollInterval = TimeSpan.FromMilliseconds(50),
    }));

    public async Task<long> NewUserAsync() =>
        (await Silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
            new CreateUser { Email = $"u-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" })).Id;

    public async Task<long> PlaceAsync(long userId) =>
        (await Silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
        {
            UserId = userId,
            Currency = "EUR",
            Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m }],
        })).Id;

    public Task<OrderView> ApplyAsync(long orderId, OrderAction action) =>
        Silo.Grains.GetGrain<IOrderGrain>(orderId).ApplyAsync(action, null);

    /// <summary>Places an order and pays and ships it: three events, versions 1 to 3.</summary>
    public async Task<long> PlaceAndShipAsync(long userId)
    {
        var orderId = await PlaceAsync(userId);
        await ApplyAsync(orderId, OrderAction.Pay);
        await ApplyAsync(orderId, OrderAction.Ship);
        return orderId;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Everything the feed has now, read to its end.</summary>
    /// <summary>
    /// Every event written so far from <paramref name="from"/> on. A reader sees a row only once no transaction older
    /// than the row's is still running (the feed's horizon): a stream lease in flight at the moment would hide the last
    /// writes, so this first waits for the horizon to pass every row in the table.
    /// </summary>
    public async Task<List<FeedEvent>> ReadAllAsync(FeedStart from, int batchSize = 1_000)
    {
        await Poll.UntilAsync(
            () => ScalarAsync<bool>("SELECT coalesce(max(tx), 0) < pg_snapshot_xmin(pg_current_snapshot())::text::bigint FROM order_feed"),
            "the feed's horizon passes every row written");
        await using var reader = Reader(batchSize);
        var all = new List<FeedEvent>();
        var position = await reader.ResolveAsync(from);
        while (await reader.ReadBatchAsync(position, batchSize) is { Count: > 0 } batch)
        {
            all.AddRange(batch);
            position = batch[^1].Position;
        }

        return all;
    }

    /// <summary>
    /// Stops the silo and drops the database: left behind, its busy tables would be auto-analyzed later, and those
    /// write transactions would count against the next class that counts the server's write commits.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(postgres.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
