using System.Diagnostics;
using Shop.Operators.Tests.Fixtures;
using Shop.Operators.Tests.Prometheus;

namespace Shop.Operators.Tests;

/// <summary>The series the alert rules read, as a healthy co-hosted silo reports them.</summary>
[Collection(CoHostedCollection.Name)]
public sealed class AlertSeriesTests(CoHostedSystem system)
{
    [Fact]
    public async Task A_healthy_silo_reports_ready_PostgreSQL_reachable_a_closed_breaker_and_its_build_version()
    {
        var metrics = await Scrape.MetricsWhenAsync(system.Management, scrape => scrape.Series("shop_health_readiness").Any());

        Assert.Equal(2, Assert.Single(metrics.Series("shop_health_readiness")).Value);
        Assert.Equal(1, Assert.Single(metrics.Series("shop_postgres_reachable")).Value);
        Assert.Equal(0, Assert.Single(metrics.Series("shop_email_circuit_state")).Value);
        var queues = metrics.Series("shop_jobs_queue_oldest_ready_age_seconds").Select(sample => sample.Label("queue")).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(queue => queue.ToString(System.Globalization.CultureInfo.InvariantCulture)), queues);
        var target = Assert.Single(metrics.Series("target_info"));
        Assert.Equal("shop-silo", target.Label("service_name"));
        Assert.Equal(SiloBuildVersion(), target.Label("service_version"));
    }

    /// <summary>The informational version the SDK stamped on the silo's assembly (on Linux, read from its metadata).</summary>
    private static string? SiloBuildVersion() =>
        FileVersionInfo.GetVersionInfo(Shop.TestSupport.BuiltApp.PathOf("Silo")).ProductVersion;
}
