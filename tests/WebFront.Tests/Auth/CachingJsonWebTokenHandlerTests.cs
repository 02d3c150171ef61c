using Microsoft.Extensions.DependencyInjection;
using Shop.WebFront.Auth;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

/// <summary>An access token is validated in full once, then taken from the cache until it expires; refusals never are.</summary>
[Collection(ApiCollection.Name)]
public sealed class CachingJsonWebTokenHandlerTests(ApiFixture api)
{
    [Fact]
    public async Task A_token_used_many_times_is_validated_in_full_once()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>());
        using var client = factory.CreateClient().As(TestTokens.Valid(api.User.Id));
        var handler = factory.Services.GetRequiredService<CachingJsonWebTokenHandler>();

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/users/me", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, handler.FullValidations);
    }

    [Fact]
    public async Task Refused_tokens_are_never_cached_and_stay_refused()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>());
        var handler = factory.Services.GetRequiredService<CachingJsonWebTokenHandler>();
        var expired = TestTokens.Expired(api.User.Id);
        using var client = factory.CreateClient().As(expired);

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/users/me", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(3, handler.FullValidations);
    }

    [Fact]
    public async Task Each_request_gets_its_own_identity()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>());
        var handler = factory.Services.GetRequiredService<CachingJsonWebTokenHandler>();
        var token = TestTokens.Valid(api.User.Id);
        var parameters = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>>()
            .Get(JwtBearerScheme.Name).TokenValidationParameters;

        var first = await handler.ValidateTokenAsync(token, parameters);
        var second = await handler.ValidateTokenAsync(token, parameters);

        Assert.True(first.IsValid && second.IsValid);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal(first.ClaimsIdentity.Name, second.ClaimsIdentity.Name);
    }
}
