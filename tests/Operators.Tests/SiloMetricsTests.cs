using Shop.Operators.Tests.Fixtures;
using Shop.Operators.Tests.Prometheus;

namespace Shop.Operators.Tests;

[Collection(OperatorsCollection.Name)]
public sealed class SiloMetricsTests(OperatorsSystem system)
{
    private const string StorageDuration = "shop_grain_storage_duration_seconds";
    private static readonly string[] Operations = ["read", "write", "clear"];

    [Fact]
    public async Task Silo_metrics_time_grain_storage_by_grain_type_and_operation()
    {
        using var api = system.CreateApiClient();
        await ShopApi.CreateUserAsync(api);

        var metrics = await Scrape.MetricsAsync(system.SiloManagement);

        Assert.Equal("histogram", metrics.Types[StorageDuration]);
        var counts = metrics.Series(StorageDuration + "_count").ToList();
        Assert.Contains(counts, sample =>
            sample.Label("grain_type") == "user" && sample.Label("operation") == "write" && sample.Label("outcome") == "ok" && sample.Value >= 1);
        Assert.Contains(counts, sample => sample.Label("operation") == "read" && sample.Label("grain_type").Length > 0);
        Assert.All(counts, sample => Assert.Contains(sample.Label("operation"), Operations));
        Assert.Contains(metrics.Series(StorageDuration + "_bucket"), sample => sample.Label("le") == "1");
    }

    [Fact]
    public async Task Job_counters_exist_from_start_up_labelled_job_name_not_the_scrape_jobs_own_label()
    {
        var metrics = await Scrape.MetricsAsync(system.SiloManagement);

        foreach (var job in new[] { "welcome-email", "order-confirmation" })
        {
            Assert.Contains(metrics.Series("shop_jobs_failed_total"), sample => sample.Label("job_name") == job);
            Assert.Contains(metrics.Series("shop_jobs_deferred_total"), sample => sample.Label("job_name") == job && sample.Label("reason") == "sender-down");
            Assert.Contains(metrics.Series("shop_jobs_completed_total"), sample => sample.Label("job_name") == job && sample.Label("outcome") == "sent");
        }

        Assert.All(metrics.Samples.Where(sample => sample.Name.StartsWith("shop_jobs_", StringComparison.Ordinal)),
            sample => Assert.Equal("", sample.Label("job")));
    }

    [Fact]
    public async Task Silo_metrics_include_Orleans_runtime_meters_Npgsql_and_the_NET_runtime()
    {
        using var api = system.CreateApiClient();
        await ShopApi.CreateUserAsync(api);

        var metrics = await Scrape.MetricsAsync(system.SiloManagement);

        var orleans = metrics.Samples.Where(sample => sample.Label("otel_scope_name") == "Microsoft.Orleans").ToList();
        Assert.Contains(orleans, sample => sample.Name == "orleans_catalog_activations" && sample.Value >= 1);
        Assert.Contains(orleans, sample => sample.Name.StartsWith("orleans_messaging_", StringComparison.Ordinal));
        Assert.Contains(metrics.Samples, sample => sample.Label("otel_scope_name") == "Npgsql");
        Assert.Contains(metrics.Samples, sample => sample.Name == "dotnet_gc_collections_total");
    }
}
