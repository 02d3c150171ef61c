using System.Net;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class AuthRateLimitTests(ApiFixture api)
{
    private const int Limit = 3;

    private ShopApiFactory Limited() => api.CreateAuthLimitedFactory(Limit);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string peer, object? body = null)
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path);
        request.Headers.Add(ShopApiFactory.PeerHeader, peer);
        if (body is not null)
        {
            request.Content = Json.Body(body);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Auth_requests_over_their_own_stricter_limit_get_429_RATE_LIMITED_with_retry_after()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient();
        var body = new { email = ShopClient.NewEmail(), password = "guess" };
        for (var i = 0; i < Limit; i++)
        {
            using var allowed = await SendAsync(client, "/api/auth/token", "198.51.100.20", body);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var limited = await SendAsync(client, "/api/auth/token", "198.51.100.20", body);

        await limited.HasErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task The_auth_limit_covers_refresh_and_logout_too_and_is_per_client_ip()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient();
        (await SendAsync(client, "/api/auth/token", "198.51.100.21", new { email = "a@example.com", password = "x" })).Dispose();
        (await SendAsync(client, "/api/auth/refresh", "198.51.100.21", new { refresh_token = "1.x" })).Dispose();
        (await SendAsync(client, "/api/auth/logout", "198.51.100.21", new { refresh_token = "1.x" })).Dispose();

        using var limited = await SendAsync(client, "/api/auth/refresh", "198.51.100.21", new { refresh_token = "1.x" });
        using var otherClient = await SendAsync(client, "/api/auth/refresh", "198.51.100.22", new { refresh_token = "1.x" });

        await limited.HasErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        await otherClient.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task The_rest_of_the_api_is_not_held_to_the_auth_limit()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient().As(api.User.AccessToken);

        for (var i = 0; i < Limit * 2; i++)
        {
            using var response = await SendAsync(client, "/api/users/me", "198.51.100.23");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
