using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Shop.Operators.Tests.Fixtures;
using Shop.Operators.Tests.Logs;
using Shop.Operators.Tests.Prometheus;
using Shop.TestSupport;

namespace Shop.Operators.Tests;

/// <summary>The seed's slow-query log, for grain storage: a write held up in PostgreSQL is a warning.</summary>
[Collection(OperatorsCollection.Name)]
public sealed class SlowStorageTests(OperatorsSystem system)
{
    private const string TimedStorageCategory = "Shop.Silo.Storage.StorageTimer";
    private const string Password = "a fine password";

    [Fact]
    public async Task A_storage_write_held_up_past_the_threshold_is_logged_with_grain_type_id_operation_duration_and_trace_id()
    {
        using var api = system.CreateApiClient();
        var email = $"slow-{Guid.NewGuid():N}@example.com";
        var id = await ShopApi.CreateUserAsync(api, email: email, password: Password);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(api, email));
        var trace = TraceParent.NewSampled();

        // The injected delay: another session holds this user's row, so the grain's next write waits for it.
        await using (var blocker = new NpgsqlConnection(system.ConnectionString))
        {
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            Assert.Equal(1, await LockUserRowAsync(blocker, transaction, email));

            using var rename = new HttpRequestMessage(HttpMethod.Patch, $"/api/users/{id}")
            {
                Content = JsonContent.Create(new { name = "Ada Lovelace" }),
            };
            trace.AddTo(rename);
            var renaming = api.SendAsync(rename);
            await WaitUntilAWriteWaitsAsync(blocker, transaction);
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            await transaction.CommitAsync();

            using var renamed = await renaming;
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        var warning = await WaitForLogAsync(entry => entry.Category == TimedStorageCategory && entry.TraceId == trace.TraceId);

        Assert.Equal("Warning", warning.LogLevel);
        Assert.Equal("write", warning.Field("Operation"));
        Assert.Equal("user", warning.Field("GrainType"));
        Assert.Equal($"user/{id}", warning.Field("GrainId"));
        Assert.InRange(double.Parse(warning.Field("DurationMs"), CultureInfo.InvariantCulture), 1000, 60_000);
        Assert.Contains($"user/{id}", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, warning.Message, StringComparison.Ordinal);

        // Every operation is also in the histogram; this one in a bucket above one second.
        var metrics = await Scrape.MetricsAsync(system.SiloManagement);
        bool UserWrites(MetricSample s) => s.Label("grain_type") == "user" && s.Label("operation") == "write";
        var count = metrics.Series("shop_grain_storage_duration_seconds_count").Where(UserWrites).Sum(s => s.Value);
        var upToOneSecond = metrics.Series("shop_grain_storage_duration_seconds_bucket").Where(s => UserWrites(s) && s.Label("le") == "1").Sum(s => s.Value);
        Assert.True(count > upToOneSecond, $"user writes: {count} in all, {upToOneSecond} within 1 s");
    }

    private static async Task<string> SignInAsync(HttpClient api, string email)
    {
        using var response = await api.PostAsJsonAsync("/api/auth/token", new { email, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sign-in: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Locks the user's row in the <c>users</c> table (migration 0012).</summary>
    private static async Task<int> LockUserRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string email)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM (SELECT 1 FROM users WHERE email = @email FOR UPDATE) AS locked", connection, transaction);
        command.Parameters.AddWithValue("email", email);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAWriteWaitsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
            connection,
            transaction);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the grain's write never reached PostgreSQL");
            await Task.Delay(50);
        }
    }

    private async Task<JsonLogEntry> WaitForLogAsync(Func<JsonLogEntry, bool> match)
    {
        var found = await Poll.ReadUntilAsync(
            () => Task.FromResult(JsonLogEntry.ReadAll(system.Silo.LogFile).FirstOrDefault(match)),
            entry => entry is not null,
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(200));
        Assert.True(found is not null, $"no matching log entry; silo log ends with:\n{system.Silo.Tail()}");
        return found;
    }
}
