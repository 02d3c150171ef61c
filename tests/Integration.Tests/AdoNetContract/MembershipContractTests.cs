using Microsoft.Extensions.DependencyInjection;

namespace Shop.Integration.Tests.AdoNetContract;

/// <summary>Clustering through Microsoft.Orleans.Clustering.AdoNet on our schema: the silo joins and is reachable.</summary>
[Collection(SiloOnPostgresCollection.Name)]
public sealed class MembershipContractTests(SiloOnPostgres fixture)
{
    private const int ActiveStatus = 3;

    [Fact]
    public async Task The_running_silo_is_active_in_the_membership_table()
    {
        var silo = fixture.Silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var hosts = await fixture.Silo.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var storedStatus = await fixture.Sql.ScalarAsync<int>(
            "SELECT status FROM orleans_membership " +
            "WHERE deployment_id = @cluster AND address = @address AND port = @port AND generation = @generation",
            ("cluster", fixture.ClusterId),
            ("address", silo.Endpoint.Address.ToString()),
            ("port", silo.Endpoint.Port),
            ("generation", silo.Generation));
        var tableVersion = await fixture.Sql.ScalarAsync<int>(
            "SELECT version FROM orleans_membership_version WHERE deployment_id = @cluster",
            ("cluster", fixture.ClusterId));

        Assert.Equal(SiloStatus.Active, hosts[silo]);
        Assert.Equal(ActiveStatus, storedStatus);
        Assert.True(tableVersion >= 2, $"Joining takes at least two membership writes, table version is {tableVersion}.");
    }

    [Fact]
    public async Task A_client_finds_the_gateway_through_the_membership_table_and_calls_a_grain()
    {
        var client = await TestSilo.StartClientAsync(fixture.ConnectionString, fixture.ServiceId, fixture.ClusterId);
        try
        {
            var counter = client.Grains().GetGrain<ICounterGrain>(Random.Shared.NextInt64());

            Assert.Equal(1, await counter.IncrementAsync());
            Assert.Equal(1, await counter.GetAsync());
        }
        finally
        {
            await TestSilo.StopAsync(client);
        }
    }
}
