using Npgsql;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Integration.Tests.AdoNetContract;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Persistence;

/// <summary>Everything a silo acknowledged is in PostgreSQL: a brand-new silo on the same database reads it back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloRestartTests(PostgresServer postgres) : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _clusterId = $"restart-{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    private static CreateUser NewUser(string? email = null) =>
        new() { Email = email ?? $"ada-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" };

    [Fact]
    public async Task A_user_and_an_order_survive_a_full_silo_restart_identical()
    {
        UserView user;
        OrderView order;
        await using (var silo = await TestSilo.StartAsync(_connectionString, _clusterId))
        {
            user = await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(NewUser());
            order = await silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
            {
                UserId = user.Id,
                Currency = "EUR",
                Items = [new OrderItem { Sku = "BOOK", Quantity = 3, UnitPrice = 12.34m }],
            });
            order = await silo.Grains.GetGrain<IOrderGrain>(order.Id).ApplyAsync(OrderAction.Pay, order.Version);
            user = await silo.Grains.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Name = "Ada Lovelace" });
        }

        await using (var silo = await TestSilo.StartAsync(_connectionString, _clusterId))
        {
            Assert.Equal(user, await silo.Grains.GetGrain<IUserGrain>(user.Id).GetAsync());
            var readOrder = (await silo.Grains.GetGrain<IOrderGrain>(order.Id).GetAsync())!;
            Assert.Equal(order, readOrder);
            Assert.Equal(37.02m, readOrder.Total);
            Assert.True(await silo.Grains.GetGrain<IUserCredentialsGrain>(user.Id).VerifyPasswordAsync("correct horse"));
            Assert.Equal(user.Id, (await silo.Grains.GetGrain<IUserDirectoryGrain>(0).FindByEmailAsync(user.Email))!.Id);
            var page = await silo.Grains.GetGrain<IUserGrain>(user.Id).ListOrdersAsync(10, null);
            Assert.Equal(order.Id, Assert.Single(page.Items).Id);
        }
    }

    [Fact]
    public async Task Ids_never_repeat_across_a_silo_restart()
    {
        var ids = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            await using var silo = await TestSilo.StartAsync(_connectionString, _clusterId);
            var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);
            var users = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => directory.CreateUserAsync(NewUser())));
            ids.AddRange(users.Select(u => u.Id));
        }

        Assert.Equal(90, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Twenty_concurrent_sign_ups_with_one_email_store_exactly_one_user()
    {
        var email = $"race-{Guid.NewGuid():N}@example.com";
        await using var silo = await TestSilo.StartAsync(_connectionString, _clusterId);
        var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (await directory.CreateUserAsync(NewUser(email))).Id;
            }
            catch (DomainException error) when (error.Code == DomainErrorCode.EmailTaken)
            {
                return 0;
            }
        }));

        var created = Assert.Single(outcomes, id => id != 0);
        Assert.Equal(19, outcomes.Count(id => id == 0));

        // What is stored, not only what was answered: one user row holds the address, and it is the created user's.
        var probe = new SqlProbe(_connectionString);
        Assert.Equal(1L, await probe.ScalarAsync<long>("SELECT count(*) FROM users WHERE email_key = upper(@email)", ("email", email)));
        Assert.Equal(created, await probe.ScalarAsync<long>("SELECT id FROM users WHERE email_key = upper(@email)", ("email", email)));
        Assert.Equal(0L, await probe.ScalarAsync<long>("SELECT count(*) FROM orleans_grain_state WHERE grain_type IN ('user', 'email')"));
    }

    [Fact]
    public async Task A_user_is_stored_as_plain_columns_with_a_hash_and_never_the_password()
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, _clusterId);
        var user = await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(NewUser());
        await silo.Grains.GetGrain<IUserCredentialsGrain>(user.Id).SignInAsync("correct horse battery", "10.0.0.1");

        var probe = new SqlProbe(_connectionString);
        var row = await probe.ScalarAsync<string>("SELECT row_to_json(u)::text FROM users u WHERE id = @id", ("id", user.Id));
        var credentials = await probe.ScalarAsync<string>(
            "SELECT row_to_json(c)::text FROM user_credentials c WHERE user_id = @id", ("id", user.Id));
        Assert.Contains($"\"email\":\"{user.Email}\"", row!, StringComparison.Ordinal);
        Assert.DoesNotContain("\"password_hash\":\"", row!, StringComparison.Ordinal);
        Assert.Contains("\"password_hash\":\"", credentials!, StringComparison.Ordinal);
        Assert.Contains("\"refresh_tokens\"", credentials!, StringComparison.Ordinal);
        foreach (var stored in new[] { row!, credentials! })
        {
            Assert.DoesNotContain("$type", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("correct horse", stored, StringComparison.Ordinal);
        }
        // Every grain state row left is the shop's own: with implicit subscriptions only, Orleans keeps no pub-sub record.
        Assert.Equal(0L, await probe.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_grain_state WHERE payload IS NOT NULL AND convert_from(payload, 'UTF8') LIKE '%' || @email || '%'",
            ("email", user.Email)));
    }
}
