using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Silo.Schema;
using Shop.TestSupport;

namespace Shop.Integration.Tests.AdoNetContract;

/// <summary>State written through a grain outlives its activation and the whole silo.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStateAcrossSiloRestartTests(PostgresServer server)
{
    [Fact]
    public async Task A_grain_reads_its_state_back_after_deactivation_and_on_a_new_silo()
    {
        var connectionString = server.ConnectionStringFor(await server.CreateDatabaseAsync());
        await new SchemaMigrator(connectionString, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var serviceId = $"restart-{Guid.NewGuid():N}";
        var clusterId = $"restart-cluster-{Guid.NewGuid():N}";
        const long key = 4242;

        var first = await TestSilo.StartAsync(connectionString, serviceId, clusterId);
        try
        {
            var counter = first.Grains().GetGrain<ICounterGrain>(key);
            await counter.IncrementAsync();
            await counter.IncrementAsync();
            await counter.DeactivateAsync();

            Assert.Equal(2, await counter.GetAsync());
            Assert.Equal(3, await counter.IncrementAsync());
        }
        finally
        {
            await TestSilo.StopAsync(first);
        }

        var second = await TestSilo.StartAsync(connectionString, serviceId, clusterId);
        try
        {
            Assert.Equal(3, await second.Grains().GetGrain<ICounterGrain>(key).GetAsync());
        }
        finally
        {
            await TestSilo.StopAsync(second);
        }

        var payload = await new SqlProbe(connectionString).ScalarAsync<byte[]>(
            "SELECT payload FROM orleans_grain_state WHERE service_id = @service AND grain_id_n1 = @key",
            ("service", serviceId),
            ("key", key));
        Assert.NotNull(payload);
        using var json = JsonDocument.Parse(payload);
        Assert.Equal(3, json.RootElement.GetProperty("value").GetInt32());
        Assert.Equal("counter grain", json.RootElement.GetProperty("updated_by").GetString());
    }
}
