using Shop.TestSupport;

namespace Shop.Operators.Tests.Prometheus;

internal static class Scrape
{
    /// <summary>GET <c>/metrics</c> as Prometheus does (plain text format) and parse it.</summary>
    public static async Task<PrometheusText> MetricsAsync(Uri management)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(management, "/metrics"));
        request.Headers.Accept.ParseAdd("text/plain; version=0.0.4");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(text);
    }

    /// <summary>
    /// Scrape until <paramref name="ready"/> holds or 10 s pass: a request is counted when its pipeline unwinds,
    /// which can be just after the client has read the response.
    /// </summary>
    public static Task<PrometheusText> MetricsWhenAsync(Uri management, Func<PrometheusText, bool> ready) =>
        Poll.ReadUntilAsync(() => MetricsAsync(management), ready, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
}
