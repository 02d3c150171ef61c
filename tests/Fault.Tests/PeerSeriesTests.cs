using System.Globalization;

namespace Shop.Fault.Tests;

/// <summary>
/// Issue 15's stale series: Orleans tags ping and message-size metrics with the peer's silo address, so every restart of a
/// peer left about a hundred series of a silo that no longer exists on every survivor's <c>/metrics</c>.
/// </summary>
public sealed class PeerSeriesTests
{
    private const string PingsReceived = "orleans_messaging_pings_received_total";

    [Fact]
    public async Task After_a_peer_silo_restarts_a_silos_metrics_name_neither_the_dead_peer_nor_the_new_one()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 2);
        var (survivor, peer) = (cluster.Silos[0], cluster.Silos[1]);
        var peerPort = cluster.SiloPortOf(peer).ToString(CultureInfo.InvariantCulture);

        peer.Kill();
        var pingsBefore = SiloMetrics.Sum(await SiloMetrics.ScrapeAsync(survivor), PingsReceived) ?? 0;
        // The same endpoint, a new generation: exactly what a restarted container is to its peers.
        await cluster.StartSiloAsync(new Dictionary<string, string> { ["Orleans__SiloPort"] = peerPort });
        var metrics = await SiloMetrics.ScrapeUntilAsync(
            survivor, scrape => SiloMetrics.Sum(scrape, PingsReceived) > pingsBefore, TimeSpan.FromSeconds(30));

        Assert.True(SiloMetrics.Sum(metrics, PingsReceived) > pingsBefore, "the restarted peer never pinged the survivor: nothing was tested");
        Assert.DoesNotContain($"127.0.0.1:{peerPort}:", metrics, StringComparison.Ordinal);
    }
}
