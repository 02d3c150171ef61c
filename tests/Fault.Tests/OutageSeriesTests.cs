namespace Shop.Fault.Tests;

/// <summary>The series the alert rules read while PostgreSQL is down, and after it is back (deploy/prometheus/alerts.yml).</summary>
public sealed class OutageSeriesTests
{
    private const string Reachable = "shop_postgres_reachable";
    private const string Readiness = "shop_health_readiness";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task While_PostgreSQL_is_down_a_silo_reports_it_unreachable_and_itself_degraded_and_recovers_after()
    {
        // Readings every second instead of every 15 and 30 s, so the test waits for the system, not for the defaults.
        await using var cluster = await ProcessCluster.StartAsync(silos: 1, new Dictionary<string, string>
        {
            ["Streams__Jobs__MetricsInterval"] = "00:00:01",
            ["Health__Publisher__Period"] = "00:00:01",
        });
        var silo = cluster.Silos[0];
        var up = await SiloMetrics.ScrapeUntilAsync(silo, scrape => SiloMetrics.Sum(scrape, Readiness) is not null, Soon);
        Assert.Equal((1, 2), (SiloMetrics.Sum(up, Reachable), SiloMetrics.Sum(up, Readiness)));

        await cluster.StopPostgresAsync();
        var down = await SiloMetrics.ScrapeUntilAsync(
            silo, scrape => SiloMetrics.Sum(scrape, Reachable) == 0 && SiloMetrics.Sum(scrape, Readiness) == 1, Soon);
        Assert.Equal((0, 1), (SiloMetrics.Sum(down, Reachable), SiloMetrics.Sum(down, Readiness)));

        await cluster.StartPostgresAsync();
        var back = await SiloMetrics.ScrapeUntilAsync(
            silo, scrape => SiloMetrics.Sum(scrape, Reachable) == 1 && SiloMetrics.Sum(scrape, Readiness) == 2, Soon);
        Assert.Equal((1, 2), (SiloMetrics.Sum(back, Reachable), SiloMetrics.Sum(back, Readiness)));
    }
}
