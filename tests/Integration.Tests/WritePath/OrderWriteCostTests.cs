using Npgsql;
using Shop.Grains.Email;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;
using Xunit.Abstractions;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// What one <c>POST /api/orders</c> with an <c>Idempotency-Key</c> costs PostgreSQL, counted statement by statement on
/// a real server: the grain call is the one WebFront's IdempotentRequests.CreateOnceAsync and OrdersApi make for a
/// first request.
/// The bounds are the write path's budget (issue 11); a change that adds a round trip fails here.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrderWriteCostTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Placing_an_order_with_an_idempotency_key_stays_within_its_database_budget()
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, $"cost-{Guid.NewGuid():N}", Traced);
        var user = await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
            new CreateUser { Email = $"cost-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" });

        // The first order warms what a busy silo has warm: the id block, the directory, the user's activation.
        await PlaceAsync(silo, user.Id);
        var work = await PlaceAsync(silo, user.Id);
        output.WriteLine(work.ToString());

        // One statement for the order, its event and its record: the key is not read first (a refused key is).
        Assert.True(work.SequentialRoundTrips <= 1, work.ToString());
        Assert.True(work.WriteCommits <= 1, work.ToString());
    }

    [Fact]
    public async Task An_order_and_its_confirmation_mail_cost_a_bounded_number_of_write_commits_in_all()
    {
        var settings = new Dictionary<string, string?>(Traced)
        {
            ["Email:WelcomeDelay"] = "00:00:00",
            ["Silo:DataDirectory"] = Directory.CreateTempSubdirectory("shop-cost-").FullName,
            // The silo's own heartbeat row is a write of its own; kept out of the few seconds measured.
            ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "01:00:00",
        };
        await using var silo = await TestSilo.StartAsync(_connectionString, $"cost-{Guid.NewGuid():N}", settings);
        var user = await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
            new CreateUser { Email = $"cost-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" });
        await PlaceAsync(silo, user.Id);
        await QueuesDrainedAsync();

        var before = await TransactionIdsAssignedAsync();
        var order = await silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
        {
            UserId = user.Id,
            Currency = "EUR",
            Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m }],
            Idempotency = new IdempotencyTicket { Key = $"orders:{Guid.NewGuid():N}", Fingerprint = "fingerprint" },
        });
        var mail = silo.Grains.GetGrain<IOrderConfirmationEmailGrain>(order.Id);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await mail.GetSentAtAsync() is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.NotNull(await mail.GetSentAtAsync());
        await QueuesDrainedAsync();
        var writeCommits = await TransactionIdsAssignedAsync() - before;
        output.WriteLine($"{writeCommits} write commits from the order to its acknowledged confirmation mail");

        // The order with its event and record; the delivery's lease and acknowledgement (shared by a batch under load);
        // the mail's sent marker. With implicit subscriptions only, Orleans stores no pub-sub record for the new stream.
        Assert.InRange(writeCommits, 1, 4);
    }

    /// <summary>
    /// PostgreSQL gives a transaction an id when it first writes, never for a read: the growth of the next id is the
    /// number of write commits on this private server (its test classes run one at a time).
    /// </summary>
    private async Task<long> TransactionIdsAssignedAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var next = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint", connection);
        return (long)(await next.ExecuteScalarAsync())!;
    }

    /// <summary>Until every stream message is delivered and acknowledged, so all their writes are done.</summary>
    private async Task QueuesDrainedAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var pending = new NpgsqlCommand("SELECT count(*) FROM stream_messages", connection);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((long)(await pending.ExecuteScalarAsync())! > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "stream messages were still waiting after 30 s");
            await Task.Delay(50);
        }
    }

    // Traces travel through grain calls only when an exporter is configured; nothing listens on this port.
    private static Dictionary<string, string?> Traced => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}",
    };

    private static async Task<DatabaseWork> PlaceAsync(TestSilo silo, long userId)
    {
        using var recorder = new StatementRecorder();
        using var root = StatementRecorder.Source.StartActivity("POST /api/orders")
            ?? throw new InvalidOperationException("The test's activity source is not listened to.");
        var ticket = new IdempotencyTicket { Key = $"orders:{Guid.NewGuid():N}", Fingerprint = Guid.NewGuid().ToString("N") };
        await silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
        {
            UserId = userId,
            Currency = "EUR",
            Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m }],
            Idempotency = ticket,
        });
        root.Stop();
        return recorder.WorkOf(root);
    }
}
