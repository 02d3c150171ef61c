using System.Globalization;
using System.Text.RegularExpressions;
using Shop.TestSupport;

namespace Shop.Fault.Tests;

/// <summary>A silo's <c>/metrics</c> (no management port here: it answers on the silo's HTTP port) and its values.</summary>
internal static class SiloMetrics
{
    public static async Task<string> ScrapeAsync(AppProcess silo)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri(silo.HttpBase, "/metrics"));
    }

    /// <summary>Scrapes until <paramref name="enough"/> holds or <paramref name="timeout"/> passes; the last scrape either way.</summary>
    public static async Task<string> ScrapeUntilAsync(AppProcess silo, Func<string, bool> enough, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var metrics = await ScrapeAsync(silo);
            if (enough(metrics) || DateTime.UtcNow > deadline)
            {
                return metrics;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The sum of every series of <paramref name="name"/>; null when the scrape has none.</summary>
    public static double? Sum(string metrics, string name)
    {
        var samples = Regex.Matches(metrics, $@"^{Regex.Escape(name)}(?:\{{[^}}]*\}})? (\S+)", RegexOptions.Multiline);
        return samples.Count == 0 ? null : samples.Sum(sample => double.Parse(sample.Groups[1].Value, CultureInfo.InvariantCulture));
    }
}
