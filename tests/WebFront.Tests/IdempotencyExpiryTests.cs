using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shop.TestSupport;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>On its own cluster, whose clock the test moves a day ahead.</summary>
[Collection(ApiCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync, which xunit calls.")]
public sealed class IdempotencyExpiryTests : IAsyncLifetime
{
    private ClusterHost? _cluster;
    private ShopApiFactory? _factory;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterHost.StartAsync<ShopSiloConfigurator>();
        _factory = new ShopApiFactory(_cluster);
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
    public async Task A_key_is_remembered_for_24_hours_and_then_forgotten()
    {
        using var client = _factory!.CreateClient();
        var key = Guid.NewGuid().ToString();
        var clock = _cluster!.SiloServices.GetRequiredService<ShiftableTimeProvider>();
        using var first = await PostAsync(client, key, ShopClient.NewEmail());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        clock.Advance(TimeSpan.FromHours(23));
        using var withinADay = await PostAsync(client, key, ShopClient.NewEmail());
        await withinADay.HasErrorAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");

        clock.Advance(TimeSpan.FromHours(2));
        using var nextDay = await PostAsync(client, key, ShopClient.NewEmail());
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
        Assert.NotEqual((await first.ReadAsync()).Id(), (await nextDay.ReadAsync()).Id());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = Json.Body(new { email, password = ShopClient.Password }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
