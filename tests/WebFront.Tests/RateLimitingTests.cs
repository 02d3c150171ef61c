using System.Net;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

[Collection(ApiCollection.Name)]
public sealed class RateLimitingTests(ApiFixture api)
{
    private const int Limit = 3;

    private ShopApiFactory Limited(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:Window"] = "00:10:00",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return api.CreateFactory(settings);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string peer, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/987654321018");
        request.Headers.Add(ShopApiFactory.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Retry_after_is_the_time_left_in_the_window_not_a_whole_window()
    {
        await using var factory = Limited(("RateLimiting:Window", "00:00:40"));
        using var client = factory.CreateClient().As(api.User.AccessToken);
        for (var i = 0; i < Limit; i++)
        {
            (await GetAsync(client, "198.51.100.9")).Dispose();
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        using var limited = await GetAsync(client, "198.51.100.9");

        await limited.HasErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        // Whole seconds, rounded up: 3 s into a 40 s window leaves at most 37.
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(37));
        Assert.Equal(limited.Headers.RetryAfter.Delta.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(limited.Headers.GetValues("RateLimit-Reset")));
    }

    [Fact]
    public async Task Requests_over_the_limit_get_429_RATE_LIMITED_with_retry_after_and_ratelimit_headers()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient().As(api.User.AccessToken);

        for (var i = 1; i <= Limit; i++)
        {
            using var allowed = await GetAsync(client, "198.51.100.1");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
            Assert.Equal($"{Limit}", Assert.Single(allowed.Headers.GetValues("RateLimit-Limit")));
            Assert.Equal($"{Limit - i}", Assert.Single(allowed.Headers.GetValues("RateLimit-Remaining")));
        }

        using var limited = await GetAsync(client, "198.51.100.1");

        await limited.HasErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal("0", Assert.Single(limited.Headers.GetValues("RateLimit-Remaining")));
        Assert.Equal($"{Limit}", Assert.Single(limited.Headers.GetValues("RateLimit-Limit")));
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("RateLimit-Reset")), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("3;w=600", Assert.Single(limited.Headers.GetValues("RateLimit-Policy")));
    }

    [Fact]
    public async Task Each_client_ip_has_its_own_window()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient().As(api.User.AccessToken);
        for (var i = 0; i <= Limit; i++)
        {
            (await GetAsync(client, "198.51.100.2")).Dispose();
        }

        using var other = await GetAsync(client, "198.51.100.3");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task X_Forwarded_For_from_an_untrusted_peer_does_not_buy_a_new_window()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient();
        for (var i = 0; i < Limit; i++)
        {
            (await GetAsync(client, "198.51.100.4", forwardedFor: $"203.0.113.{i}")).Dispose();
        }

        using var spoofed = await GetAsync(client, "198.51.100.4", forwardedFor: "203.0.113.99");

        await spoofed.HasErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_trusted_proxy_names_the_client()
    {
        await using var factory = Limited(("ForwardedHeaders:TrustedProxies:0", "10.0.0.5"));
        using var client = factory.CreateClient().As(api.User.AccessToken);
        for (var i = 0; i <= Limit; i++)
        {
            (await GetAsync(client, "10.0.0.5", forwardedFor: "203.0.113.7")).Dispose();
        }

        using var sameClient = await GetAsync(client, "10.0.0.5", forwardedFor: "203.0.113.7");
        using var otherClient = await GetAsync(client, "10.0.0.5", forwardedFor: "203.0.113.8");

        await sameClient.HasErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal(HttpStatusCode.NotFound, otherClient.StatusCode);
    }

    [Fact]
    public async Task Health_probes_are_not_rate_limited()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient();

        for (var i = 0; i < Limit * 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Add(ShopApiFactory.PeerHeader, "198.51.100.5");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Rate_limiting_can_be_switched_off()
    {
        await using var factory = Limited(("RateLimiting:Enabled", "false"));
        using var client = factory.CreateClient().As(api.User.AccessToken);

        for (var i = 0; i < Limit * 2; i++)
        {
            using var response = await GetAsync(client, "198.51.100.6");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit-Limit"));
        }
    }
}
