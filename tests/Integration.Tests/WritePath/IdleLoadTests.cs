using Shop.Grains.Email;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;
using Xunit.Abstractions;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// What a silo with nothing to do costs PostgreSQL: every statement Npgsql sends in a ten-second window, counted.
/// The queues' pulling agents ask for messages ten times a second each; only the queue watch's probe may reach the
/// database for them (issue 11: at most 2 statements a second per idle silo).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class IdleLoadTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_idle_silo_sends_at_most_two_statements_a_second_and_still_delivers_the_next_event_at_once()
    {
        using var recorder = new StatementRecorder();
        await using var silo = await TestSilo.StartAsync(_connectionString, $"idle-{Guid.NewGuid():N}");
        var user = await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
            new CreateUser { Email = $"idle-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" });
        await PlaceAndAwaitConfirmationAsync(silo, user.Id);

        // Start-up's one-off work (schema check, membership, first reads of every queue) is over well before this.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var from = DateTime.UtcNow;
        await Task.Delay(Window);
        var idle = recorder.StartedBetween(from, from + Window);
        foreach (var (text, count) in idle.GroupBy(t => t).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2))
        {
            output.WriteLine($"{count,4} × {text.ReplaceLineEndings(" ")[..Math.Min(140, text.Length)]}");
        }

        Assert.True(idle.Count <= 2 * Window.TotalSeconds, $"{idle.Count} statements in {Window.TotalSeconds} idle seconds");

        // An idle queue is woken by this silo's own write, not by the next probe: the event is still delivered.
        await PlaceAndAwaitConfirmationAsync(silo, user.Id);
    }

    private static async Task PlaceAndAwaitConfirmationAsync(TestSilo silo, long userId)
    {
        var order = await silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
        {
            UserId = userId,
            Currency = "EUR",
            Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m }],
        });
        var mail = silo.Grains.GetGrain<IOrderConfirmationEmailGrain>(order.Id);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await mail.GetSentAtAsync() is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the order's confirmation mail did not go out within 30 s");
            await Task.Delay(50);
        }
    }
}
