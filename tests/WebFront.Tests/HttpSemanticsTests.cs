using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>HTTP as RFC 9110 says it works (issue 14, item 10).</summary>
public abstract partial class HttpSemanticsTests(ApiHost api) : IDisposable
{
    private const string LiveTrace = "/dashboard/Trace";

    private readonly HttpClient _operator = api.CreateOperatorClient();

    public void Dispose()
    {
        _operator.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Head_on_every_get_endpoint_answers_as_get_without_a_body()
    {
        var paths = GetPaths();
        Assert.Contains("/api/users/{id}", paths.Keys);
        foreach (var (template, path) in paths)
        {
            using var get = await _operator.GetAsync(path);
            using var head = await _operator.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            Assert.True(get.StatusCode == head.StatusCode, $"{template}: GET {(int)get.StatusCode}, HEAD {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Head_of_a_user_carries_its_etag()
    {
        using var get = await _operator.GetAsync($"/api/users/{api.User.Id}");
        using var head = await _operator.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/users/{api.User.Id}"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
    }

    [Theory]
    [InlineData("POST", "/health/live")]
    [InlineData("PUT", "/health/ready")]
    [InlineData("DELETE", "/health/live")]
    [InlineData("POST", "/metrics")]
    [InlineData("PATCH", "/metrics")]
    public async Task Writing_to_health_or_metrics_is_405_with_allow(string method, string path)
    {
        using var response = await _operator.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.HasErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_405_on_a_readable_resource_lists_head_beside_get()
    {
        using var response = await _operator.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/users/{api.User.Id}"));

        await response.HasErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("HEAD", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json; charset=utf-8")]
    public async Task Json_in_utf8_is_accepted_with_the_charset_quoted_or_not(string contentType)
    {
        using var anonymous = api.CreateAnonymousClient();
        var body = $$"""{"email":"{{ShopClient.NewEmail()}}","password":"{{ShopClient.Password}}"}""";

        using var response = await anonymous.PostAsync("/api/users", Json.Raw(body, contentType));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Json_in_another_charset_is_refused_even_quoted()
    {
        using var anonymous = api.CreateAnonymousClient();
        var body = $$"""{"email":"{{ShopClient.NewEmail()}}","password":"{{ShopClient.Password}}"}""";

        using var response = await anonymous.PostAsync("/api/users", Json.Raw(body, "application/json; charset=\"iso-8859-1\""));

        await response.HasErrorAsync(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_keeps_the_version_and_the_etag()
    {
        using var client = api.CreateAnonymousClient();
        var email = ShopClient.NewEmail();
        var created = await client.CreateUserAsync(email, name: "Ann");
        var path = $"/api/users/{created.Id()}";
        using var before = await client.GetAsync(path);

        using var patch = await client.PatchAsync(path, Json.Body(new { name = "Ann", email }));

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(before.Headers.ETag, patch.Headers.ETag);
        var unchanged = await patch.ReadAsync();
        Assert.Equal(created.GetProperty("updated_at").GetDateTimeOffset(), unchanged.GetProperty("updated_at").GetDateTimeOffset());
        using var after = await client.GetAsync(path);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task A_patch_that_changes_something_still_moves_the_etag()
    {
        using var client = api.CreateAnonymousClient();
        var created = await client.CreateUserAsync(name: "Ann");
        var path = $"/api/users/{created.Id()}";
        using var before = await client.GetAsync(path);

        using var patch = await client.PatchAsync(path, Json.Body(new { name = "Anne" }));

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.NotEqual(before.Headers.ETag, patch.Headers.ETag);
    }

    /// <summary>Every route that answers GET, with its parameters filled: ids with the fixture user's, others with a word.</summary>
    private Dictionary<string, string> GetPaths()
    {
        var routes = api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            // The dashboard's live trace streams until the client leaves: there is no whole GET to compare with.
            .Where(template => template != LiveTrace)
            .Distinct(StringComparer.Ordinal);
        return routes.ToDictionary(
            template => template,
            template => Parameter().Replace(template, m => m.Groups["name"].Value.Contains("id", StringComparison.OrdinalIgnoreCase) ? $"{api.User.Id}" : "x"));
    }

    [GeneratedRegex(@"\{\**(?<name>[^}:=?]+)[^}]*\}")]
    private static partial Regex Parameter();
}

[Collection(ApiCollection.Name)]
public sealed class HttpSemanticsOnMemory(ApiFixture api) : HttpSemanticsTests(api);

[Collection(PostgresApiCollection.Name)]
public sealed class HttpSemanticsOnPostgres(PostgresApiFixture api) : HttpSemanticsTests(api);
