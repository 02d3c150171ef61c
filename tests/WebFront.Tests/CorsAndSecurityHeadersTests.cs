using System.Net;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

[Collection(ApiCollection.Name)]
public sealed class CorsAndSecurityHeadersTests(ApiFixture api)
{
    private const string Allowed = "https://shop.example";
    private const string Evil = "https://evil.example";

    private static readonly Dictionary<string, string> HelmetDefaults = new()
    {
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
        ["Origin-Agent-Cluster"] = "?1",
        ["Referrer-Policy"] = "no-referrer",
        ["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains",
        ["X-Content-Type-Options"] = "nosniff",
        ["X-DNS-Prefetch-Control"] = "off",
        ["X-Download-Options"] = "noopen",
        ["X-Frame-Options"] = "SAMEORIGIN",
        ["X-Permitted-Cross-Domain-Policies"] = "none",
        ["X-XSS-Protection"] = "0",
    };

    private ShopApiFactory WithOrigins() =>
        api.CreateFactory(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = Allowed });

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : null;

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered()
    {
        await using var factory = WithOrigins();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/users/1");
        request.Headers.Add("Origin", Allowed);
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,if-match");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("PATCH", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("if-match", Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_request_from_an_allowed_origin_may_read_the_etag()
    {
        await using var factory = WithOrigins();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", Allowed);

        using var response = await client.SendAsync(request);

        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Header(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Other_origins_get_no_cors_headers()
    {
        await using var factory = WithOrigins();
        using var client = factory.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/users/1");
        preflight.Headers.Add("Origin", Evil);
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        using var get = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        get.Headers.Add("Origin", Evil);

        using var preflightResponse = await client.SendAsync(preflight);
        using var getResponse = await client.SendAsync(get);

        Assert.Null(Header(preflightResponse, "Access-Control-Allow-Origin"));
        Assert.Null(Header(getResponse, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task With_no_origins_configured_there_is_no_cross_origin_access()
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", Allowed);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("GET", "/health/live", null, 200)]
    [InlineData("GET", "/api/users/987654321019", null, 404)]
    [InlineData("GET", "/api/users/abc", null, 400)]
    [InlineData("POST", "/api/users", "{", 400)]
    [InlineData("GET", "/api/nowhere", null, 404)]
    [InlineData("GET", "/openapi/v1.json", null, 200)]
    public async Task Every_response_carries_helmets_default_headers(string method, string path, string? body, int status)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = Json.Raw(body);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        foreach (var (name, value) in HelmetDefaults)
        {
            Assert.Equal(value, Header(response, name));
        }

        var csp = Header(response, "Content-Security-Policy");
        Assert.NotNull(csp);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Null(Header(response, "Server"));
        Assert.Null(Header(response, "X-Powered-By"));
    }

    [Fact]
    public async Task The_rate_limit_answer_carries_the_security_headers_too()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "1" });
        using var client = factory.CreateClient();
        (await client.GetAsync("/api/users/1")).Dispose();

        using var response = await client.GetAsync("/api/users/1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.NotNull(Header(response, "Content-Security-Policy"));
    }
}
