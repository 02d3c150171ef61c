using System.Globalization;
using Shop.Operators.Tests.Fixtures;
using Shop.Operators.Tests.Prometheus;

namespace Shop.Operators.Tests;

[Collection(OperatorsCollection.Name)]
public sealed class WebFrontMetricsTests(OperatorsSystem system)
{
    private const string Requests = "http_requests_total";
    private const string Duration = "http_request_duration_seconds";

    [Fact]
    public async Task After_a_few_requests_metrics_count_and_time_them_by_method_route_template_and_status_code()
    {
        using var api = system.CreateApiClient();
        var id = await ShopApi.CreateUserAsync(api);
        using var read = await ShopApi.GetAsync(api, $"/api/users/{id}");
        using var unknown = await ShopApi.GetAsync(api, $"/no/such/path/{id}");

        var metrics = await Scrape.MetricsWhenAsync(system.WebFrontManagement, scraped =>
            IsCounted(scraped, "POST", "/api/users", "201") && IsCounted(scraped, "GET", "/api/users/{id}", Status(read))
            && IsCounted(scraped, "GET", "unmatched", "404"));

        Assert.Equal("counter", metrics.Types.GetValueOrDefault(Requests) ?? metrics.Types.GetValueOrDefault("http_requests"));
        Assert.Equal("histogram", metrics.Types[Duration]);
        AssertCountedAndTimed(metrics, "POST", "/api/users", "201");
        AssertCountedAndTimed(metrics, "GET", "/api/users/{id}", Status(read));
        AssertCountedAndTimed(metrics, "GET", "unmatched", "404");
        Assert.DoesNotContain(metrics.Series(Requests), sample => sample.Label("route").Contains(id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_include_the_NET_runtime_and_the_Orleans_client()
    {
        using var api = system.CreateApiClient();
        await ShopApi.CreateUserAsync(api);

        var metrics = await Scrape.MetricsAsync(system.WebFrontManagement);

        Assert.Contains(metrics.Samples, sample => sample.Name == "dotnet_gc_collections_total");
        Assert.Contains(metrics.Samples, sample => sample.Name == "dotnet_process_memory_working_set_bytes" && sample.Value > 0);
        Assert.Contains(metrics.Samples, sample =>
            sample.Name.StartsWith("orleans_", StringComparison.Ordinal) && sample.Label("otel_scope_name") == "Microsoft.Orleans");
    }

    private static string Status(HttpResponseMessage response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

    private static bool IsCounted(PrometheusText metrics, string method, string route, string status) =>
        metrics.Series(Requests).Any(sample => IsSeries(sample, method, route, status))
        && metrics.Series(Duration + "_count").Any(sample => IsSeries(sample, method, route, status));

    private static bool IsSeries(MetricSample sample, string method, string route, string status) =>
        sample.Label("method") == method && sample.Label("route") == route && sample.Label("status_code") == status;

    private static void AssertCountedAndTimed(PrometheusText metrics, string method, string route, string status)
    {
        bool Matches(MetricSample sample) => IsSeries(sample, method, route, status);

        var requests = Assert.Single(metrics.Series(Requests), Matches).Value;
        Assert.True(requests >= 1, $"{method} {route} {status}: counted {requests}");

        var count = Assert.Single(metrics.Series(Duration + "_count"), Matches).Value;
        Assert.Equal(requests, count);
        Assert.True(Assert.Single(metrics.Series(Duration + "_sum"), Matches).Value > 0);

        // Buckets are cumulative: never decreasing with le, and +Inf holds every request.
        var buckets = metrics.Series(Duration + "_bucket").Where(Matches)
            .Select(sample => (Le: PrometheusText.ParseNumber(sample.Label("le")), sample.Value))
            .OrderBy(bucket => bucket.Le)
            .ToList();
        Assert.True(buckets.Count > 5, $"{method} {route} {status}: {buckets.Count} buckets");
        Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
        Assert.Equal(double.PositiveInfinity, buckets[^1].Le);
        Assert.Equal(count, buckets[^1].Value);
        Assert.Contains(buckets, bucket => bucket.Le == 0.005);
        Assert.Contains(buckets, bucket => bucket.Le == 10);
    }
}
