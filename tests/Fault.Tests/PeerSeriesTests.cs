using System.Globalization;
using System.Text.RegularExpressions;

namespace Shop.Fault.Tests;

/// <summary>
/// Issue 15's stale series: Orleans tags ping and message-size metrics with the peer's silo address, so every restart of a
/// peer left about a hundred series of a silo that no longer exists on every survivor's <c>/metrics</c>.
/// </summary>
public sealed partial class PeerSeriesTests
{
    [Fact]
    public async Task After_a_peer_silo_restarts_a_silos_metrics_name_neither_the_dead_peer_nor_the_new_one()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 2);
        var (survivor, peer) = (cluster.Silos[0], cluster.Silos[1]);
        var peerPort = cluster.SiloPortOf(peer).ToString(CultureInfo.InvariantCulture);

        peer.Kill();
        var pingsBefore = PingsReceived(await MetricsAsync(survivor));
        // The same endpoint, a new generation: exactly what a restarted container is to its peers.
        await cluster.StartSiloAsync(new Dictionary<string, string> { ["Orleans__SiloPort"] = peerPort });
        var metrics = await MetricsAfterPingsAsync(survivor, pingsBefore);

        Assert.True(PingsReceived(metrics) > pingsBefore, "the restarted peer never pinged the survivor: nothing was tested");
        Assert.DoesNotContain($"127.0.0.1:{peerPort}:", metrics, StringComparison.Ordinal);
    }

    private static async Task<string> MetricsAfterPingsAsync(Shop.TestSupport.AppProcess silo, double pingsBefore)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var metrics = await MetricsAsync(silo);
            if (PingsReceived(metrics) > pingsBefore || DateTime.UtcNow > deadline)
            {
                return metrics;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<string> MetricsAsync(Shop.TestSupport.AppProcess silo)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri(silo.HttpBase, "/metrics"));
    }

    /// <summary>The survivor's pings received from any peer, summed over every series of the counter.</summary>
    private static double PingsReceived(string metrics) => PingsReceivedSample().Matches(metrics)
        .Sum(match => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^orleans_messaging_pings_received_total(?:\{[^}]*\})? (\S+)", RegexOptions.Multiline)]
    private static partial Regex PingsReceivedSample();
}
