using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shop.Grains.Interfaces.Auth;
using Shop.WebFront.Auth;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

/// <summary>
/// <see cref="OperatorPolicy.Name"/>, which the operator tools (<c>/dashboard/</c>, <c>/metrics</c>) require, evaluated
/// by WebFront's own authentication and authorization services exactly as its middleware does.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OperatorPolicyTests(ApiFixture api)
{
    [Fact]
    public async Task Basic_credentials_of_an_operator_are_let_in()
    {
        var result = await EvaluateAsync("GET", Basic(api.Operator.Email, ShopClient.Password));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_bearer_token_with_the_operator_role_is_let_in()
    {
        var result = await EvaluateAsync("GET", $"Bearer {api.Operator.AccessToken}");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Basic_credentials_of_an_ordinary_user_get_the_answer_a_wrong_password_gets()
    {
        using var client = api.CreateAnonymousClient();
        var user = await client.SignUpAsync();

        var right = await EvaluateAsync("GET", Basic(user.Email, ShopClient.Password));
        var wrong = await EvaluateAsync("GET", Basic(user.Email, "not the password"));

        // 403 for a right password and 401 for a wrong one would tell a guesser when a guess hit.
        Assert.True(right.Challenged);
        Assert.True(wrong.Challenged);
        Assert.False(right.Forbidden);
    }

    [Fact]
    public async Task A_bearer_token_without_the_operator_role_is_forbidden()
    {
        var result = await EvaluateAsync("GET", $"Bearer {api.User.AccessToken}");

        Assert.True(result.Forbidden);
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData(null)]
    public async Task Wrong_or_missing_credentials_are_challenged_with_WWW_Authenticate_Basic(string? password)
    {
        var header = password is null ? null : Basic(api.Operator.Email, password);

        var result = await EvaluateAsync("GET", header);

        Assert.True(result.Challenged);
        var challenge = await ChallengeAsync();
        Assert.Equal(StatusCodes.Status401Unauthorized, challenge.StatusCode);
        Assert.Contains(challenge.Headers.WWWAuthenticate, h => h!.StartsWith("Basic realm=", StringComparison.Ordinal));
        Assert.Contains(challenge.Headers.WWWAuthenticate, h => h!.StartsWith("Bearer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic bm8tY29sb24=")]
    public async Task Malformed_basic_credentials_are_challenged(string header)
    {
        var result = await EvaluateAsync("GET", header);

        Assert.True(result.Challenged);
    }

    [Fact]
    public async Task Basic_credentials_are_refused_on_a_cross_site_request_that_changes_state()
    {
        var sameSite = await EvaluateAsync("POST", Basic(api.Operator.Email, ShopClient.Password), ("Sec-Fetch-Site", "same-origin"));
        var crossSite = await EvaluateAsync("POST", Basic(api.Operator.Email, ShopClient.Password), ("Sec-Fetch-Site", "cross-site"));

        Assert.True(sameSite.Succeeded);
        Assert.True(crossSite.Challenged);
    }

    [Fact]
    public async Task Failed_basic_sign_ins_count_towards_the_accounts_lockout()
    {
        using var client = api.CreateAnonymousClient();
        var user = await client.SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await EvaluateAsync("GET", Basic(user.Email, "wrong password"))).Challenged);
        }

        using var locked = await client.TokenAsync(user.Email, ShopClient.Password);

        await locked.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task A_verified_basic_header_is_taken_at_its_word_for_a_while_instead_of_being_hashed_again()
    {
        using var client = api.CreateAnonymousClient();
        var user = await client.SignUpAsync();
        using (var grant = await api.CreateOperatorClient().PostAsync(
                   new Uri($"/api/users/{user.Id}/roles", UriKind.Relative), Json.Body(new { role = Roles.Operator })))
        {
            Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        }

        var header = Basic(user.Email, ShopClient.Password);
        Assert.True((await EvaluateAsync("GET", header)).Succeeded);

        using var owner = api.CreateAnonymousClient().As(user.AccessToken);
        using (var patch = await owner.PatchAsync(new Uri($"/api/users/{user.Id}", UriKind.Relative), Json.Body(new { password = "a brand new password" })))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        // Still the remembered verification (Auth:Basic:VerifiedFor, 30 s): no password check reached the grain.
        Assert.True((await EvaluateAsync("GET", header)).Succeeded);
        // Another header (the new password) is checked for real.
        Assert.True((await EvaluateAsync("GET", Basic(user.Email, "a brand new password"))).Succeeded);
        Assert.True((await EvaluateAsync("GET", Basic(user.Email, "not the password"))).Challenged);
    }

    [Fact]
    public async Task Basic_credentials_do_not_open_the_bearer_only_api()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var context = Context(scope, "POST", Basic(api.Operator.Email, ShopClient.Password));
        var policy = (await scope.ServiceProvider.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(OperatorPolicy.BearerOnlyName))!;
        var evaluator = scope.ServiceProvider.GetRequiredService<IPolicyEvaluator>();

        var authenticated = await evaluator.AuthenticateAsync(policy, context);
        var result = await evaluator.AuthorizeAsync(policy, authenticated, context, resource: null);

        Assert.True(result.Challenged);
    }

    private static string Basic(string email, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{password}"));

    private static DefaultHttpContext Context(AsyncServiceScope scope, string method, string? authorization, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = method;
        context.Request.Path = "/dashboard/";
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }

    private async Task<PolicyAuthorizationResult> EvaluateAsync(string method, string? authorization, params (string Name, string Value)[] headers)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var context = Context(scope, method, authorization, headers);
        var policy = (await scope.ServiceProvider.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(OperatorPolicy.Name))!;
        var evaluator = scope.ServiceProvider.GetRequiredService<IPolicyEvaluator>();
        var authenticated = await evaluator.AuthenticateAsync(policy, context);
        return await evaluator.AuthorizeAsync(policy, authenticated, context, resource: null);
    }

    /// <summary>What the authorization middleware does on a challenge: every scheme of the policy answers.</summary>
    private async Task<HttpResponse> ChallengeAsync()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var context = Context(scope, "GET", authorization: null);
        var policy = (await scope.ServiceProvider.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(OperatorPolicy.Name))!;
        foreach (var scheme in policy.AuthenticationSchemes)
        {
            await context.ChallengeAsync(scheme);
        }

        return context.Response;
    }
}
