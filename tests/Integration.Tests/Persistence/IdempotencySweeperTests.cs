using Shop.Grains.Interfaces.Users;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Silo.Storage;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class IdempotencySweeperTests(PostgresServer postgres)
{
    [Fact]
    public async Task Records_past_their_retention_are_deleted_and_fresh_ones_kept()
    {
        var connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());
        await using var silo = await TestSilo.StartAsync(connectionString, $"sweep-{Guid.NewGuid():N}");
        foreach (var key in new[] { "users:old", "users:fresh" })
        {
            await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(new CreateUser
            {
                Email = $"{Guid.NewGuid():N}@example.com", Password = "correct horse battery", Idempotency = new() { Key = key, Fingerprint = "fingerprint" },
            });
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var backdate = new NpgsqlCommand(
                "UPDATE idempotency_records SET expires_at = now() - interval '1 second' WHERE key = 'users:old'",
                connection);
            Assert.Equal(1, await backdate.ExecuteNonQueryAsync());
        }

        var deleted = await silo.Services.GetRequiredService<IdempotencySweeper>().SweepOnceAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        await using var remaining = new NpgsqlCommand("SELECT key FROM idempotency_records", check);
        Assert.Equal("users:fresh", await remaining.ExecuteScalarAsync());
    }
}
