using System.Net;
using System.Text.Json;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class OpenApiSecurityTests(ApiFixture api)
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var client = api.CreateAnonymousClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync();
    }

    [Fact]
    public async Task The_document_declares_the_bearer_scheme()
    {
        var scheme = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
    }

    [Theory]
    [InlineData("/api/users/me", "get", true)]
    [InlineData("/api/users/{id}", "get", true)]
    [InlineData("/api/users/{id}", "patch", true)]
    [InlineData("/api/users/{id}/roles", "post", true)]
    [InlineData("/api/orders", "post", true)]
    [InlineData("/api/orders/{id}/ship", "post", true)]
    [InlineData("/api/users/{id}/orders", "get", true)]
    [InlineData("/api/users", "post", false)]
    [InlineData("/api/auth/token", "post", false)]
    [InlineData("/api/auth/refresh", "post", false)]
    [InlineData("/api/auth/logout", "post", false)]
    public async Task Each_operation_says_whether_it_needs_the_bearer_token(string path, string method, bool secured)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        var schemes = operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList()
            : [];
        Assert.Equal(secured, schemes.Contains("Bearer"));
        if (secured)
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
        }
    }

    [Fact]
    public async Task Operator_only_operations_say_so()
    {
        var ship = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders/{id}/ship").GetProperty("post");

        Assert.Contains("Requires the operator role.", ship.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
