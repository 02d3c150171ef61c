using System.Net;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

/// <summary>What the API answers about a token's header and how it lets its answers be cached.</summary>
[Collection(ApiCollection.Name)]
public sealed class TokenHeaderTests(ApiFixture api)
{
    [Fact]
    public async Task A_token_naming_critical_header_extensions_is_refused_with_401()
    {
        using var critical = api.CreateAnonymousClient().As(TestTokens.WithCriticalExtension(api.User.Id));
        using var plain = api.CreateAnonymousClient().As(TestTokens.Valid(api.User.Id));

        using var refused = await critical.GetAsync(new Uri("/api/users/me", UriKind.Relative));
        using var accepted = await plain.GetAsync(new Uri("/api/users/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("/api/users/me")]
    [InlineData("/api/users/{id}")]
    [InlineData("/api/users/{id}/orders")]
    [InlineData("/api/orders/{order}")]
    public async Task Personal_data_is_sent_with_Cache_Control_no_store(string template)
    {
        using var client = api.CreateClient();
        var order = await client.PlaceOrderAsync(api.User.Id);
        var path = template.Replace("{id}", $"{api.User.Id}", StringComparison.Ordinal)
            .Replace("{order}", $"{order.Id()}", StringComparison.Ordinal);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} must not be stored by any cache");
    }

    [Fact]
    public async Task Tokens_and_errors_are_sent_with_Cache_Control_no_store_too()
    {
        using var client = api.CreateAnonymousClient();

        using var tokens = await client.TokenAsync(api.User.Email, ShopClient.Password);
        using var missing = await api.CreateClient().GetAsync(new Uri("/api/orders/999999999", UriKind.Relative));

        Assert.True(tokens.Headers.CacheControl?.NoStore);
        Assert.True(missing.Headers.CacheControl?.NoStore);
    }
}
