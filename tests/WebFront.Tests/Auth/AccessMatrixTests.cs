using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Grains.Interfaces.Auth;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

/// <summary>
/// Every endpoint against every kind of caller. Each case gets a fresh owner (and order), so cases cannot disturb
/// one another. The expired and wrongly signed tokens name the owner and claim the operator role: if either were
/// accepted, the case would succeed instead of answering 401.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AccessMatrixTests(ApiFixture api)
{
    public enum Caller
    {
        NoToken,
        ExpiredToken,
        WrongSignature,
        AnotherUser,
        Owner,
        Operator,
    }

    /// <summary>How far the case's order has come before the request is made.</summary>
    public enum Stage
    {
        NoOrder,
        Pending,
        Paid,
        Shipped,
    }

    private static readonly string[] Owned = ["/api/users", "/api/orders", "/api/auth"];

    private static readonly Dictionary<string, Endpoint> Endpoints = new[]
    {
        new Endpoint("POST /api/users", Stage.NoOrder, _ => Post("/api/users", new { email = ShopClient.NewEmail(), password = ShopClient.Password })),
        new Endpoint("GET /api/users/me", Stage.NoOrder, _ => new(HttpMethod.Get, "/api/users/me")),
        new Endpoint("GET /api/users/{id}", Stage.NoOrder, s => new(HttpMethod.Get, $"/api/users/{s.Owner.Id}")),
        new Endpoint("GET /api/users?email=", Stage.NoOrder, s => new(HttpMethod.Get, $"/api/users?email={Uri.EscapeDataString(s.Owner.Email)}")),
        new Endpoint("PATCH /api/users/{id}", Stage.NoOrder, s => new(HttpMethod.Patch, $"/api/users/{s.Owner.Id}") { Content = Json.Body(new { name = "Renamed" }) }),
        new Endpoint("DELETE /api/users/{id}", Stage.NoOrder, s => new(HttpMethod.Delete, $"/api/users/{s.Owner.Id}")),
        new Endpoint("POST /api/users/{id}/roles", Stage.NoOrder, s => Post($"/api/users/{s.Owner.Id}/roles", new { role = Roles.Operator })),
        new Endpoint("POST /api/users/{id}/unlock", Stage.NoOrder, s => new(HttpMethod.Post, $"/api/users/{s.Owner.Id}/unlock")),
        new Endpoint("GET /api/users/{id}/orders", Stage.Pending, s => new(HttpMethod.Get, $"/api/users/{s.Owner.Id}/orders")),
        new Endpoint("POST /api/orders", Stage.NoOrder, s => Post("/api/orders", ShopClient.OrderBody(s.Owner.Id))),
        new Endpoint("GET /api/orders/{id}", Stage.Pending, s => new(HttpMethod.Get, $"/api/orders/{s.OrderId}")),
        new Endpoint("POST /api/orders/{id}/pay", Stage.Pending, s => new(HttpMethod.Post, $"/api/orders/{s.OrderId}/pay")),
        new Endpoint("POST /api/orders/{id}/cancel", Stage.Pending, s => new(HttpMethod.Post, $"/api/orders/{s.OrderId}/cancel")),
        new Endpoint("POST /api/orders/{id}/ship", Stage.Paid, s => new(HttpMethod.Post, $"/api/orders/{s.OrderId}/ship")),
        new Endpoint("POST /api/orders/{id}/deliver", Stage.Shipped, s => new(HttpMethod.Post, $"/api/orders/{s.OrderId}/deliver")),
        new Endpoint("POST /api/auth/token", Stage.NoOrder, s => Post("/api/auth/token", new { email = s.Owner.Email, password = ShopClient.Password })),
        new Endpoint("POST /api/auth/refresh", Stage.NoOrder, s => Post("/api/auth/refresh", new { refresh_token = s.Owner.RefreshToken })),
        new Endpoint("POST /api/auth/logout", Stage.NoOrder, s => Post("/api/auth/logout", new { refresh_token = s.Owner.RefreshToken })),
    }.ToDictionary(e => e.Name);

    /// <summary>
    /// The specification. Someone else's user or order answers 404, as a missing one would; an operator, who may
    /// read it, gets 403 for what only its owner may do; operator-only actions answer 403 to everyone else, before
    /// any lookup.
    /// </summary>
    public static TheoryData<string, Caller, int> Cases()
    {
        var cases = new TheoryData<string, Caller, int>();
        void Row(string endpoint, int noToken, int expired, int wrongSignature, int anotherUser, int owner, int @operator)
        {
            cases.Add(endpoint, Caller.NoToken, noToken);
            cases.Add(endpoint, Caller.ExpiredToken, expired);
            cases.Add(endpoint, Caller.WrongSignature, wrongSignature);
            cases.Add(endpoint, Caller.AnotherUser, anotherUser);
            cases.Add(endpoint, Caller.Owner, owner);
            cases.Add(endpoint, Caller.Operator, @operator);
        }

        //   endpoint                            none expired badsig other owner operator
        Row("POST /api/users",                   201, 201,    201,   201,  201,  201);
        Row("GET /api/users/me",                 401, 401,    401,   200,  200,  200);
        Row("GET /api/users/{id}",               401, 401,    401,   404,  200,  200);
        Row("GET /api/users?email=",             401, 401,    401,   404,  200,  200);
        Row("PATCH /api/users/{id}",             401, 401,    401,   404,  200,  403);
        Row("DELETE /api/users/{id}",            401, 401,    401,   404,  204,  403);
        Row("POST /api/users/{id}/roles",        401, 401,    401,   403,  403,  200);
        Row("POST /api/users/{id}/unlock",       401, 401,    401,   403,  403,  200);
        Row("GET /api/users/{id}/orders",        401, 401,    401,   404,  200,  200);
        Row("POST /api/orders",                  401, 401,    401,   403,  201,  403);
        Row("GET /api/orders/{id}",              401, 401,    401,   404,  200,  200);
        Row("POST /api/orders/{id}/pay",         401, 401,    401,   404,  200,  403);
        Row("POST /api/orders/{id}/cancel",      401, 401,    401,   404,  200,  403);
        Row("POST /api/orders/{id}/ship",        401, 401,    401,   403,  403,  200);
        Row("POST /api/orders/{id}/deliver",     401, 401,    401,   403,  403,  200);
        Row("POST /api/auth/token",              200, 200,    200,   200,  200,  200);
        Row("POST /api/auth/refresh",            200, 200,    200,   200,  200,  200);
        Row("POST /api/auth/logout",             204, 204,    204,   204,  204,  204);
        return cases;
    }

    [Fact]
    public void Every_user_order_and_auth_endpoint_is_in_the_table()
    {
        var served = api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && Owned.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal);
        var table = Cases().Select(c => ((string)c[0]).Split('?')[0]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(served, table);
        Assert.Equal(Endpoints.Keys.Order(StringComparer.Ordinal), Cases().Select(c => (string)c[0]).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_the_expected_status(string endpoint, Caller caller, int expected)
    {
        var scenario = await PrepareAsync(Endpoints[endpoint].Stage);
        using var client = api.CreateAnonymousClient();
        using var request = Endpoints[endpoint].Request(scenario);
        request.Headers.Authorization = Token(caller, scenario) is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        switch (expected)
        {
            case 401:
                await response.HasErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
                break;
            case 403:
                await response.HasErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
                break;
            case 404:
                await response.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
                break;
        }
    }

    private string? Token(Caller caller, Scenario scenario) => caller switch
    {
        Caller.NoToken => null,
        Caller.ExpiredToken => TestTokens.Expired(scenario.Owner.Id, Roles.Operator),
        Caller.WrongSignature => TestTokens.WrongSignature(scenario.Owner.Id, Roles.Operator),
        Caller.AnotherUser => api.User.AccessToken,
        Caller.Owner => scenario.Owner.AccessToken,
        Caller.Operator => api.Operator.AccessToken,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private async Task<Scenario> PrepareAsync(Stage stage)
    {
        using var client = api.CreateAnonymousClient();
        var owner = await client.SignUpAsync();
        if (stage == Stage.NoOrder)
        {
            return new Scenario(owner, 0);
        }

        client.As(owner.AccessToken);
        var order = (await client.PlaceOrderAsync(owner.Id)).Id();
        using var operatorClient = api.CreateOperatorClient();
        foreach (var (step, by) in new[] { (Stage.Paid, client), (Stage.Shipped, operatorClient) })
        {
            if (stage >= step)
            {
                var verb = step == Stage.Paid ? "pay" : "ship";
                using var moved = await by.PostAsync($"/api/orders/{order}/{verb}", null);
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            }
        }

        return new Scenario(owner, order);
    }

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = Json.Body(body) };

    public sealed record Scenario(SignedIn Owner, long OrderId);

    private sealed record Endpoint(string Name, Stage Stage, Func<Scenario, HttpRequestMessage> Request);
}
