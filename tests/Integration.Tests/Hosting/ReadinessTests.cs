using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SqlProbe = Shop.Integration.Tests.AdoNetContract.SqlProbe;
using Shop.Integration.Tests.Persistence;
using Shop.ServiceDefaults;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Hosting;

/// <summary>A silo's readiness (the checks tagged ready, as <c>/health/ready</c> runs them) beyond the healthy case.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadinessTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_schema_newer_than_the_code_makes_the_silo_unready_and_says_which_versions()
    {
        var connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());
        await using var silo = await TestSilo.StartAsync(connectionString, $"ready-{Guid.NewGuid():N}");
        await new SqlProbe(connectionString).ScalarAsync<object>(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'from a newer build', 'x')");

        var report = await ReadyAsync(silo.Services);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("9999", report.Entries["postgres-schema"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_default_is_ready_but_degraded_because_it_keeps_nothing()
    {
        await using var silo = await TestSilo.StartAsync(connectionString: "", $"ready-{Guid.NewGuid():N}");

        var report = await ReadyAsync(silo.Services);

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("not kept", report.Entries["embedded"].Description, StringComparison.Ordinal);
    }

    private static Task<HealthReport> ReadyAsync(IServiceProvider services) =>
        services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains(ServiceDefaultsExtensions.ReadyTag));
}
