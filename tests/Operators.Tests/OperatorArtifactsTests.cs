using System.Diagnostics;
using System.Text.Json;
using Shop.Operators.Tests.Fixtures;
using Shop.Operators.Tests.Prometheus;
using Shop.TestSupport;

namespace Shop.Operators.Tests;

/// <summary>
/// What an operator imports: deploy/prometheus/alerts.yml and deploy/grafana/shop-dashboard.json. Both must load, and
/// every metric they read must exist on a running host, so renaming a metric without them fails here, not in production.
/// </summary>
[Collection(CoHostedCollection.Name)]
public sealed class OperatorArtifactsTests(CoHostedSystem system)
{
    private static readonly string AlertRules = Path.Combine(BuiltApp.RepositoryRoot, "deploy", "prometheus", "alerts.yml");
    private static readonly string Dashboard = Path.Combine(BuiltApp.RepositoryRoot, "deploy", "grafana", "shop-dashboard.json");

    [Fact]
    public async Task Promtool_accepts_the_alert_rules()
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("rules");
        start.ArgumentList.Add(AlertRules);
        using var promtool = Process.Start(start)!;
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.True(promtool.ExitCode == 0, $"promtool check rules failed:\n{output}");
    }

    [Fact]
    public async Task Every_metric_the_alert_rules_and_the_dashboard_read_is_on_a_running_hosts_metrics()
    {
        var wanted = PromQl.RuleExpressions(await File.ReadAllTextAsync(AlertRules))
            .Concat(DashboardExpressions(await File.ReadAllTextAsync(Dashboard)))
            .SelectMany(PromQl.MetricNames)
            .ToHashSet(StringComparer.Ordinal);
        // The reading of the files found what they are about; an empty set would make the rest vacuous.
        Assert.Superset(new HashSet<string> { "http_requests_total", "shop_postgres_reachable", "shop_email_circuit_state", "target_info" }, wanted);

        // The co-hosted silo exports both the API's series and the silo's; the histogram's series start with a request.
        using var api = system.CreateApiClient();
        await ShopApi.CreateUserAsync(api);
        var metrics = await Scrape.MetricsWhenAsync(system.Management, scrape => wanted.IsSubsetOf(Names(scrape)));

        Assert.Empty(wanted.Except(Names(metrics)).Order());
    }

    private static IEnumerable<string> DashboardExpressions(string json)
    {
        using var dashboard = JsonDocument.Parse(json);
        return [.. PromQl.DashboardExpressions(dashboard.RootElement)];
    }

    private static HashSet<string> Names(PrometheusText scrape) => scrape.Samples.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);
}
