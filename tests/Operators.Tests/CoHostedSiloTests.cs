using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Operators.Tests.Fixtures;
using Shop.Operators.Tests.Prometheus;

namespace Shop.Operators.Tests;

/// <summary>A silo that serves the REST API itself: the API, health, metrics and dashboard of one host.</summary>
[Collection(CoHostedCollection.Name)]
public sealed class CoHostedSiloTests(CoHostedSystem system)
{
    [Fact]
    public async Task A_user_signs_up_signs_in_reads_their_profile_and_places_an_order_on_the_silos_own_port()
    {
        using var api = system.CreateApiClient();
        var email = $"ada-{Guid.NewGuid():N}@example.com";

        var id = await ShopApi.CreateUserAsync(api, email: email, password: "correct horse");
        using var token = await api.PostAsJsonAsync("/api/auth/token", new { email, password = "correct horse" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var tokenBody = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokenBody.RootElement.GetProperty("access_token").GetString());

        using var me = await api.GetAsync("/api/users/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var meBody = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Equal(id, meBody.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(email, meBody.RootElement.GetProperty("email").GetString());

        using var order = await api.PostAsJsonAsync("/api/orders", new
        {
            user_id = id,
            currency = "EUR",
            items = new[] { new { sku = "book-1", quantity = 2, unit_price = 12.5m } },
        });
        var orderText = await order.Content.ReadAsStringAsync();
        Assert.True(order.StatusCode == HttpStatusCode.Created, $"POST /api/orders: {(int)order.StatusCode} {orderText}");
        using var orderBody = JsonDocument.Parse(orderText);
        Assert.Equal(id, orderBody.RootElement.GetProperty("user_id").GetInt64());
        Assert.Equal(25m, orderBody.RootElement.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Readiness_reports_the_silos_schema_check_and_the_APIs_cluster_check_together()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(system.Management, "/health/ready"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        var checks = health.RootElement.GetProperty("checks");
        Assert.Equal("1 active silo(s)", checks.GetProperty("cluster").GetProperty("description").GetString());
        Assert.StartsWith("schema version ", checks.GetProperty("postgres-schema").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_metrics_endpoint_carries_the_APIs_request_metrics_and_the_silos_storage_metrics()
    {
        using var api = system.CreateApiClient();
        await ShopApi.CreateUserAsync(api);

        var metrics = await Scrape.MetricsWhenAsync(system.Management, m =>
            m.Series("http_requests_total").Any(s => s.Label("route") == "/api/users" && s.Label("status_code") == "201"));

        Assert.Contains(metrics.Series("shop_grain_storage_duration_seconds_count"), s => s.Label("grain_type") == "user" && s.Label("operation") == "write");
        Assert.Contains(metrics.Samples, s => s.Name == "orleans_catalog_activations" && s.Value >= 1);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/ready")]
    [InlineData("/dashboard/")]
    public Task Operator_endpoints_answer_on_the_management_port_only(string path) =>
        ManagementPort.AssertAnswersThereOnlyAsync(system.Management, system.Silo.HttpBase, path);

    [Fact]
    public async Task The_dashboard_asks_an_anonymous_caller_to_log_in()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(system.Management, "/dashboard/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
    }
}
