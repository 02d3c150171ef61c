using System.Diagnostics;
using System.Net;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>On its own cluster, which the test shuts down under a running WebFront.</summary>
[Collection(ApiCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync, which xunit calls.")]
public sealed class ClusterUnavailableTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private ClusterHost? _cluster;
    private ShopApiFactory? _factory;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterHost.StartAsync<ShopSiloConfigurator>();
        _factory = new ShopApiFactory(_cluster, new Dictionary<string, string?>
        {
            ["Orleans:ResponseTimeout"] = "00:00:03",
            ["Orleans:OpenConnectionTimeout"] = "00:00:01",
            ["ClusterCalls:ReadRetries"] = "1",
            ["ClusterCalls:ReadTimeout"] = "00:00:06",
            ["ClusterCalls:UnavailableRetryAfter"] = "00:00:07",
        });
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_no_silo_answering_reads_and_writes_get_503_with_retry_after_in_bounded_time()
    {
        using var client = _factory!.CreateClient();
        var user = await client.CreateUserAsync();

        await _cluster!.Cluster.StopAllSilosAsync();

        var clock = Stopwatch.StartNew();
        using var read = await client.GetAsync($"/api/users/{user.Id()}");
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        await read.HasErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.Equal(TimeSpan.FromSeconds(7), read.Headers.RetryAfter?.Delta);

        clock.Restart();
        using var write = await client.PostAsync("/api/users", Json.Body(new { email = ShopClient.NewEmail(), password = ShopClient.Password }));
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        await write.HasErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.NotNull(write.Headers.RetryAfter);

        using var alive = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
