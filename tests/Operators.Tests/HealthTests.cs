using System.Net;
using System.Text.Json;
using Shop.Operators.Tests.Fixtures;

namespace Shop.Operators.Tests;

/// <summary>The JSON health answers docker-compose and orchestrators probe.</summary>
[Collection(OperatorsCollection.Name)]
public sealed class HealthTests(OperatorsSystem system)
{
    [Fact]
    public async Task WebFront_is_ready_when_a_silo_of_the_cluster_answers()
    {
        using var health = await GetJsonAsync(new Uri(system.WebFrontManagement, "/health/ready"));

        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        var cluster = health.RootElement.GetProperty("checks").GetProperty("cluster");
        Assert.Equal("Healthy", cluster.GetProperty("status").GetString());
        Assert.Equal("1 active silo(s)", cluster.GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_silo_is_ready_when_PostgreSQL_answers_with_the_schema_this_build_expects()
    {
        using var health = await GetJsonAsync(new Uri(system.SiloManagement, "/health/ready"));

        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        var schema = health.RootElement.GetProperty("checks").GetProperty("postgres-schema");
        Assert.Equal("Healthy", schema.GetProperty("status").GetString());
        Assert.StartsWith("schema version ", schema.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liveness_checks_the_process_alone()
    {
        foreach (var host in new[] { system.WebFrontManagement, system.SiloManagement })
        {
            using var health = await GetJsonAsync(new Uri(host, "/health/live"));

            Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
            var check = Assert.Single(health.RootElement.GetProperty("checks").EnumerateObject());
            Assert.Equal("process", check.Name);
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(Uri url)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
