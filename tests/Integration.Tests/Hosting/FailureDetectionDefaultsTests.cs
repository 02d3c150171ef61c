using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Hosting;

/// <summary>A silo built as Silo/Program.cs builds it declares a silo that stopped answering within 10 s by default.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FailureDetectionDefaultsTests(PostgresServer postgres)
{
    [Fact]
    public async Task Missed_probes_declare_a_silo_dead_within_ten_seconds_unless_configured_otherwise()
    {
        await using var silo = await TestSilo.StartAsync(
            postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync()), $"probe-{Guid.NewGuid():N}");

        var membership = silo.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;

        Assert.InRange(membership.ProbeTimeout * membership.NumMissedProbesLimit, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        // Votes against a silo are suppressed while its last message is younger than this window.
        Assert.InRange(membership.MaxProbeTimeout * membership.NumMissedProbesLimit, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Configuration_still_decides()
    {
        await using var silo = await TestSilo.StartAsync(
            postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync()), $"probe-{Guid.NewGuid():N}",
            new Dictionary<string, string?> { ["Orleans:Membership:ProbeTimeout"] = "00:00:07" });

        Assert.Equal(TimeSpan.FromSeconds(7), silo.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout);
    }
}
