using System.Globalization;
using System.Net;
using Shop.Grains.Interfaces.Auth;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

public abstract class TokenEndpointTests(ApiHost api) : IDisposable
{
    private readonly HttpClient _client = api.CreateAnonymousClient();

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Signing_in_returns_a_bearer_access_token_a_refresh_token_and_expires_in()
    {
        var user = await _client.SignUpAsync();

        using var response = await _client.TokenAsync(user.Email, ShopClient.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var tokens = await response.ReadAsync();
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(7200, tokens.GetProperty("expires_in").GetInt64());
        Assert.StartsWith($"{user.Id}.", tokens.GetProperty("refresh_token").GetString(), StringComparison.Ordinal);
        var claims = AuthRequests.Payload(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(user.Id.ToString(CultureInfo.InvariantCulture), claims.GetProperty("sub").GetString());
        Assert.Equal("shop", claims.GetProperty("iss").GetString());
        Assert.Equal("shop-api", claims.GetProperty("aud").GetString());
        Assert.Equal(7200, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.False(claims.TryGetProperty("role", out _));
    }

    [Fact]
    public void An_operators_access_token_carries_the_operator_role()
    {
        var claims = AuthRequests.Payload(api.Operator.AccessToken);

        Assert.Equal(Roles.Operator, claims.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Signing_in_with_a_form_works_too()
    {
        var user = await _client.SignUpAsync();

        using var response = await _client.PostAsync("/api/auth/token", Json.Form(("email", user.Email), ("password", ShopClient.Password)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.ReadAsync()).GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task The_access_token_is_accepted_and_me_is_the_signed_in_user()
    {
        var user = await _client.SignUpAsync();
        using var client = api.CreateAnonymousClient().As(user.AccessToken);

        using var response = await client.GetAsync("/api/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.ReadAsync();
        Assert.Equal(user.Id, me.Id());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_missing_password_is_a_400_VALIDATION_ERROR_not_a_sign_in_attempt()
    {
        using var response = await _client.PostAsync("/api/auth/token", Json.Body(new { email = ShopClient.NewEmail() }));

        var error = await response.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["password"], error.Fields());
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_401_INVALID_CREDENTIALS()
    {
        var user = await _client.SignUpAsync();

        using var unknown = await _client.TokenAsync(ShopClient.NewEmail(), ShopClient.Password);
        using var wrong = await _client.TokenAsync(user.Email, "not the password");

        var unknownError = await unknown.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var wrongError = await wrong.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        Assert.Equal(AuthRequests.WithoutTraceId(unknownError), AuthRequests.WithoutTraceId(wrongError));
        Assert.Equal(unknown.Headers.Select(h => h.Key).Order(), wrong.Headers.Select(h => h.Key).Order());
    }

    [Fact]
    public async Task Refreshing_rotates_the_refresh_token_and_issues_a_new_access_token()
    {
        var user = await _client.SignUpAsync();

        using var first = await _client.RefreshAsync(user.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rotated = await first.ReadAsync();
        var next = rotated.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(user.RefreshToken, next);
        Assert.Equal(user.Id.ToString(CultureInfo.InvariantCulture), AuthRequests.Payload(rotated.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());

        using var second = await _client.RefreshAsync(next);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Reusing_a_spent_refresh_token_returns_401_and_revokes_the_whole_session()
    {
        var user = await _client.SignUpAsync();
        using var rotate = await _client.RefreshAsync(user.RefreshToken);
        var successor = (await rotate.ReadAsync()).GetProperty("refresh_token").GetString()!;

        using var reuse = await _client.RefreshAsync(user.RefreshToken);
        using var afterTheft = await _client.RefreshAsync(successor);

        await reuse.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        await afterTheft.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task Reuse_in_one_session_leaves_the_users_other_sessions_alone()
    {
        var user = await _client.SignUpAsync();
        var other = await _client.SignInAsync(user.Email);
        using (var rotate = await _client.RefreshAsync(user.RefreshToken))
        {
            Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        }

        using (var reuse = await _client.RefreshAsync(user.RefreshToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        }

        using var otherSession = await _client.RefreshAsync(other.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, otherSession.StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("1.abc")]
    [InlineData("987654321077.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task An_unknown_refresh_token_returns_401_INVALID_REFRESH_TOKEN(string token)
    {
        using var response = await _client.RefreshAsync(token);

        await response.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task Logging_out_revokes_the_refresh_token()
    {
        var user = await _client.SignUpAsync();

        using var logout = await _client.LogoutAsync(user.RefreshToken);
        using var refresh = await _client.RefreshAsync(user.RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await refresh.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task Logging_out_an_unknown_token_also_answers_204()
    {
        using var response = await _client.LogoutAsync("987654321078.unknown");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_revokes_the_users_refresh_tokens()
    {
        var user = await _client.SignUpAsync();
        using var client = api.CreateAnonymousClient().As(user.AccessToken);
        using (var patch = await client.PatchAsync($"/api/users/{user.Id}", Json.Body(new { password = "a brand new password" })))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        using var refresh = await _client.RefreshAsync(user.RefreshToken);
        using var oldPassword = await _client.TokenAsync(user.Email, ShopClient.Password);
        using var newPassword = await _client.TokenAsync(user.Email, "a brand new password");

        await refresh.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        await oldPassword.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_user_revokes_their_refresh_tokens()
    {
        var user = await _client.SignUpAsync();
        using var client = api.CreateAnonymousClient().As(user.AccessToken);
        using (var delete = await client.DeleteAsync($"/api/users/{user.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var refresh = await _client.RefreshAsync(user.RefreshToken);
        using var me = await client.GetAsync("/api/users/me");

        await refresh.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        await me.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task An_operator_can_make_another_user_an_operator_who_then_may_ship()
    {
        var user = await _client.SignUpAsync();
        using var operatorClient = api.CreateOperatorClient();

        using var grant = await operatorClient.PostAsync($"/api/users/{user.Id}/roles", Json.Body(new { role = Roles.Operator }));
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);

        // The role is in the next access token, not in the one issued before it was given.
        Assert.False(AuthRequests.Payload(user.AccessToken).TryGetProperty("role", out _));
        using var refreshed = await _client.RefreshAsync(user.RefreshToken);
        var token = (await refreshed.ReadAsync()).GetProperty("access_token").GetString()!;
        Assert.Equal(Roles.Operator, AuthRequests.Payload(token).GetProperty("role").GetString());

        using var buyer = api.CreateAnonymousClient();
        var owner = await buyer.CreateUserAsync();
        var order = await buyer.PlaceOrderAsync(owner.Id());
        using (var pay = await buyer.PostAsync($"/api/orders/{order.Id()}/pay", null))
        {
            Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        }

        using var newOperator = api.CreateAnonymousClient().As(token);
        using var ship = await newOperator.PostAsync($"/api/orders/{order.Id()}/ship", null);
        Assert.Equal(HttpStatusCode.OK, ship.StatusCode);
    }

    [Fact]
    public async Task Granting_an_unknown_role_returns_400_VALIDATION_ERROR()
    {
        var user = await _client.SignUpAsync();
        using var operatorClient = api.CreateOperatorClient();

        using var response = await operatorClient.PostAsync($"/api/users/{user.Id}/roles", Json.Body(new { role = "admin" }));

        var error = await response.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["role"], error.Fields());
    }

    [Fact]
    public async Task Granting_a_role_to_an_unknown_user_returns_404()
    {
        using var operatorClient = api.CreateOperatorClient();

        using var response = await operatorClient.PostAsync("/api/users/987654321079/roles", Json.Body(new { role = Roles.Operator }));

        await response.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}

[Collection(ApiCollection.Name)]
public sealed class TokenEndpointOnMemory(ApiFixture api) : TokenEndpointTests(api);

[Collection(PostgresApiCollection.Name)]
public sealed class TokenEndpointOnPostgres(PostgresApiFixture api) : TokenEndpointTests(api);
