using Npgsql;
using Shop.Grains.Email;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;
using Xunit.Abstractions;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// What a sign-up and the changes of a user cost PostgreSQL, and that a user's row stays small whatever the user does:
/// counted on a real server, so a change that adds a round trip or lets the row grow fails here (issue 11).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UserWriteCostTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int MaxRowBytes = 2048;

    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_keyed_sign_up_is_one_statement_and_a_change_of_the_profile_is_one()
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, $"cost-{Guid.NewGuid():N}", Traced);
        // The first sign-up warms what a busy silo has warm: the id block and the directory.
        await SignUpAsync(silo);

        var (user, signUp) = await SignUpAsync(silo);
        output.WriteLine($"sign-up: {signUp}");
        // The first change warms the pool's second connection, as a busy silo has it open.
        await silo.Grains.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Name = "Grace", ExpectedVersion = 1 });
        var patch = await TracedAsync("PATCH /api/users/{id}", () =>
            silo.Grains.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Name = "Grace Hopper", ExpectedVersion = 2 }));
        output.WriteLine($"PATCH: {patch}");

        // The user, its record, its welcome job and its feed row in one statement: nothing is read first.
        Assert.True(signUp.SequentialRoundTrips <= 1, signUp.ToString());
        Assert.True(signUp.WriteCommits <= 1, signUp.ToString());
        Assert.True(patch.SequentialRoundTrips <= 1, patch.ToString());
        Assert.True(patch.WriteCommits <= 1, patch.ToString());
    }

    [Fact]
    public async Task A_sign_up_and_its_welcome_mail_cost_a_bounded_number_of_write_commits_in_all()
    {
        var settings = new Dictionary<string, string?>(Traced)
        {
            ["Email:WelcomeDelay"] = "00:00:00",
            ["Silo:DataDirectory"] = Directory.CreateTempSubdirectory("shop-cost-").FullName,
            ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "01:00:00",
        };
        await using var silo = await TestSilo.StartAsync(_connectionString, $"cost-{Guid.NewGuid():N}", settings);
        await SignUpAsync(silo);
        await QueuesDrainedAsync();

        var before = await ScalarAsync("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
        var (user, _) = await SignUpAsync(silo);
        var welcome = silo.Grains.GetGrain<IWelcomeEmailGrain>(user.Id);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await welcome.GetSentAtAsync() is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.NotNull(await welcome.GetSentAtAsync());
        await QueuesDrainedAsync();
        var writeCommits = await ScalarAsync("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint") - before;
        output.WriteLine($"{writeCommits} write commits from the sign-up to its acknowledged welcome mail");

        // The sign-up; the delivery's lease and acknowledgement (shared by a batch under load); the mail's sent marker
        // on the user's row. No claim row, no marker row, no pub-sub record.
        Assert.InRange(writeCommits, 1, 4);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM orleans_grain_state WHERE grain_type IN ('user', 'email', 'welcome-email')"));
    }

    [Fact]
    public async Task Two_hundred_refreshes_and_ten_thousand_orders_leave_every_write_of_the_user_under_two_kilobytes()
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, $"cost-{Guid.NewGuid():N}");
        var (user, _) = await SignUpAsync(silo);
        var grain = silo.Grains.GetGrain<IUserGrain>(user.Id);
        var credentials = silo.Grains.GetGrain<IUserCredentialsGrain>(user.Id);
        var signedIn = await credentials.SignInAsync(Password, "10.0.0.1");
        var token = signedIn.RefreshToken!;
        for (var i = 0; i < 200; i++)
        {
            token = (await credentials.RefreshAsync(token))!.RefreshToken;
        }

        // Ten thousand orders of the user, written straight into the table (placing them one by one takes minutes).
        await ExecuteAsync($$"""
            INSERT INTO orders (id, user_id, status, items, total, currency, version, created_at, updated_at)
            SELECT 1000000000 + g, {{user.Id}}, 'delivered', '[{"sku":"BOOK","quantity":1,"unit_price":9.5}]', 9.5, 'EUR', 1, now(), now()
            FROM generate_series(1, 10000) g
            """);

        var afterRefreshes = await RowBytesAsync(user.Id);
        await silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
        {
            UserId = user.Id, Currency = "EUR", Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m }],
        });
        var orderBytes = await ScalarAsync("SELECT max(pg_column_size(o.*)) FROM orders o WHERE user_id = @id AND id < 1000000000", user.Id);
        await credentials.SignInAsync(Password, "10.0.0.2");
        await grain.UpdateAsync(new UpdateUser { Name = "Grace" });
        var afterAll = await RowBytesAsync(user.Id);
        output.WriteLine($"user's rows after 200 refreshes: {afterRefreshes} B; after an order, a sign-in and a PATCH: {afterAll} B; the order's row: {orderBytes} B");

        Assert.InRange(afterRefreshes, 1, MaxRowBytes);
        Assert.InRange(afterAll, 1, MaxRowBytes);
        Assert.InRange(orderBytes, 1, MaxRowBytes);
        // The order touched no user row; each of the user's rows moved only with its own writes: the credentials' with
        // the sign-ins and refreshes, the profile's with the PATCH.
        Assert.Equal(1 + 1, await ScalarAsync("SELECT revision FROM users WHERE id = @id", user.Id));
        Assert.Equal(1 + 1 + 200 + 1, await ScalarAsync("SELECT revision FROM user_credentials WHERE user_id = @id", user.Id));
    }

    private const string Password = "correct horse battery";

    /// <returns>The larger of the user's two rows, the profile's and the credentials'.</returns>
    private async Task<long> RowBytesAsync(long userId) => await ScalarAsync(
        """
        SELECT greatest((SELECT pg_column_size(u.*) FROM users u WHERE id = @id),
                        (SELECT pg_column_size(c.*) FROM user_credentials c WHERE user_id = @id))
        """,
        userId);

    private static async Task<(UserView User, DatabaseWork Work)> SignUpAsync(TestSilo silo)
    {
        UserView? user = null;
        var work = await TracedAsync("POST /api/users", async () => user = await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(new CreateUser
        {
            Email = $"cost-{Guid.NewGuid():N}@example.com",
            Password = Password,
            Name = "Ada",
            Idempotency = new IdempotencyTicket { Key = $"users:{Guid.NewGuid():N}", Fingerprint = "fingerprint" },
        }));
        return (user!, work);
    }

    private static async Task<DatabaseWork> TracedAsync<T>(string name, Func<Task<T>> call)
    {
        using var recorder = new StatementRecorder();
        using var root = StatementRecorder.Source.StartActivity(name)
            ?? throw new InvalidOperationException("The test's activity source is not listened to.");
        await call();
        root.Stop();
        return recorder.WorkOf(root);
    }

    private async Task QueuesDrainedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await ScalarAsync("SELECT count(*) FROM stream_messages") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "stream messages were still waiting after 60 s");
            await Task.Delay(50);
        }
    }

    private async Task<long> ScalarAsync(string sql, long? id = null)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } value)
        {
            command.Parameters.AddWithValue("id", value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // Traces travel through grain calls only when an exporter is configured; nothing listens on this port.
    private static Dictionary<string, string?> Traced => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}",
    };
}
