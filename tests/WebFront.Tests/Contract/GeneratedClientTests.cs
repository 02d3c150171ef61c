using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Generated;
using Shop.WebFront.Tests.Generated.Models;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Contract;

/// <summary>
/// The whole scenario through a client generated at build time (Kiota) from the served document, the way a client team
/// would use the API: every answer must deserialize into the generated types, and every refusal into the generated
/// <see cref="Error"/> with its code.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GeneratedClientTests(ApiFixture api) : IDisposable
{
    private readonly HttpClient _http = api.CreateAnonymousClient();

    public void Dispose() => _http.Dispose();

    private ShopApiClient Client(string? accessToken = null) =>
        new(new HttpClientRequestAdapter(
            accessToken is null ? new AnonymousAuthenticationProvider() : new BaseBearerTokenAuthenticationProvider(new StaticToken(accessToken)),
            httpClient: _http)
        {
            BaseUrl = _http.BaseAddress!.ToString().TrimEnd('/'),
        });

    [Fact]
    public async Task Sign_up_sign_in_profile_and_the_order_lifecycle_work_through_the_generated_client()
    {
        var email = ShopClient.NewEmail();
        var anonymous = Client();

        var created = await anonymous.Api.Users.PostAsync(new UserCreate { Email = email, Password = ShopClient.Password, Name = "Ada" });
        var tokens = await anonymous.Api.Auth.Token.PostAsync(new TokenRequest { Email = email, Password = ShopClient.Password });
        var me = Client(tokens!.AccessToken);
        var profile = await me.Api.Users.Me.GetAsync();
        var renamed = await me.Api.Users[created!.Id!.Value].PatchAsync(new UserUpdate { Name = "Ada Lovelace" });
        var order = await me.Api.Orders.PostAsync(new OrderCreate
        {
            UserId = created.Id,
            Currency = "EUR",
            Items = [new OrderLine { Sku = "BOOK-1", Quantity = 2, UnitPrice = 12.5m }],
        });
        var paid = await me.Api.Orders[order!.Id!.Value].Pay.PostAsync();
        var shipped = await Client(api.Operator.AccessToken).Api.Orders[order.Id.Value].Ship.PostAsync();
        var second = await me.Api.Orders.PostAsync(new OrderCreate
        {
            UserId = created.Id,
            Currency = "EUR",
            Items = [new OrderLine { Sku = "PEN", Quantity = 1, UnitPrice = 1.5m }],
        });
        var cancelled = await me.Api.Orders[second!.Id!.Value].Cancel.PostAsync();
        var list = await me.Api.Users[created.Id.Value].Orders.GetAsync();

        Assert.Equal(email, profile!.Email);
        Assert.Equal("Ada Lovelace", renamed!.Name);
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(25.0m, order.Total);
        Assert.Equal(OrderStatus.Paid, paid!.Status);
        Assert.Equal(OrderStatus.Shipped, shipped!.Status);
        Assert.Equal(OrderStatus.Cancelled, cancelled!.Status);
        Assert.Equal([second.Id, order.Id], list!.Items!.Select(o => o.Id));
    }

    [Fact]
    public async Task Refusals_arrive_as_the_generated_error_type_with_their_codes()
    {
        var email = ShopClient.NewEmail();
        var anonymous = Client();
        var user = await anonymous.Api.Users.PostAsync(new UserCreate { Email = email, Password = ShopClient.Password });
        var tokens = await anonymous.Api.Auth.Token.PostAsync(new TokenRequest { Email = email, Password = ShopClient.Password });
        var me = Client(tokens!.AccessToken);

        var taken = await Assert.ThrowsAsync<Error>(() => anonymous.Api.Users.PostAsync(new UserCreate { Email = email, Password = ShopClient.Password }));
        var invalid = await Assert.ThrowsAsync<Error>(() => anonymous.Api.Users.PostAsync(new UserCreate { Email = "not-an-address", Password = "short" }));
        var wrongPassword = await Assert.ThrowsAsync<Error>(() => anonymous.Api.Auth.Token.PostAsync(new TokenRequest { Email = email, Password = "wrong password" }));
        var unsigned = await Assert.ThrowsAsync<Error>(() => anonymous.Api.Users.Me.GetAsync());
        var missing = await Assert.ThrowsAsync<Error>(() => me.Api.Orders[987654321].GetAsync());
        var order = await me.Api.Orders.PostAsync(new OrderCreate
        {
            UserId = user!.Id,
            Currency = "EUR",
            Items = [new OrderLine { Sku = "BOOK-1", Quantity = 1, UnitPrice = 3m }],
        });
        await me.Api.Orders[order!.Id!.Value].Cancel.PostAsync();
        var transition = await Assert.ThrowsAsync<Error>(() => me.Api.Orders[order.Id.Value].Pay.PostAsync());
        var notOperator = await Assert.ThrowsAsync<Error>(() => me.Api.Orders[order.Id.Value].Ship.PostAsync());

        Assert.Equal(("EMAIL_TAKEN", 409), (taken.Code, taken.ResponseStatusCode));
        Assert.Equal(("VALIDATION_ERROR", 400), (invalid.Code, invalid.ResponseStatusCode));
        Assert.Contains(invalid.Details!, d => d.Field == "email");
        Assert.Equal(401, wrongPassword.ResponseStatusCode);
        Assert.Equal(401, unsigned.ResponseStatusCode);
        Assert.Equal(("NOT_FOUND", 404), (missing.Code, missing.ResponseStatusCode));
        Assert.Equal(("INVALID_TRANSITION", 409), (transition.Code, transition.ResponseStatusCode));
        Assert.Equal(403, notOperator.ResponseStatusCode);
    }

    private sealed class StaticToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(
            Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
