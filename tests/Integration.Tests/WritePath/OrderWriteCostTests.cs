using System.Diagnostics;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;
using Xunit.Abstractions;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// What one <c>POST /api/orders</c> with an <c>Idempotency-Key</c> costs PostgreSQL, counted statement by statement on
/// a real server: the grain calls are the ones WebFront's IdempotentRequests.CreateRecordedOnceAsync and OrdersApi make, in
/// their order.
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

        // The idempotency record's read, then one statement for the order, its event and its record.
        Assert.True(work.SequentialRoundTrips <= 2, work.ToString());
        Assert.True(work.WriteCommits <= 1, work.ToString());
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
        var record = silo.Grains.GetGrain<IIdempotencyGrain>(ticket.Key);
        var claim = await record.BeginAsync(ticket.Fingerprint);
        Assert.Equal(IdempotencyClaimStatus.Acquired, claim.Status);
        var order = await silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
        {
            UserId = userId,
            Currency = "EUR",
            Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m }],
            Idempotency = ticket,
        });
        await record.StoredAsync(ticket.Fingerprint, order.Id);
        root.Stop();
        return recorder.WorkOf(root);
    }
}
