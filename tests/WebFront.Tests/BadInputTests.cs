using System.Net;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>
/// Input that is well-formed JSON or form text but breaks the contract (issue 14, item 9): each is a 400
/// VALIDATION_ERROR whose details name the field, and nothing is stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture api) : IDisposable
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private const string Password = ShopClient.Password;

    private readonly HttpClient _client = api.CreateClient();

    public void Dispose() => _client.Dispose();

    public static TheoryData<string, string, string, string> SignUps() => new()
    {
        // name, content type, body, field the error names
        { "right-to-left override in the e-mail", Json, $$"""{"email":"\u202Emoc.elpmaxe@ada","password":"{{Password}}"}""", "email" },
        { "emoji local part", Json, $$"""{"email":"\ud83d\ude00@example.com","password":"{{Password}}"}""", "email" },
        { "IDN domain without punycode", Json, $$"""{"email":"ada@b\u00fccher.de","password":"{{Password}}"}""", "email" },
        { "IP literal", Json, $$"""{"email":"ada@[127.0.0.1]","password":"{{Password}}"}""", "email" },
        { "65-character local part", Json, $$"""{"email":"{{new string('a', 65)}}@example.com","password":"{{Password}}"}""", "email" },
        { "BOM after the e-mail", Json, $$"""{"email":"ada@example.com\ufeff","password":"{{Password}}"}""", "email" },
        { "right-to-left override in the name", Json, $$"""{"email":"{{ShopClient.NewEmail()}}","password":"{{Password}}","name":"Ada\u202Egnp.exe"}""", "name" },
        { "BOM in the name", Json, $$"""{"email":"{{ShopClient.NewEmail()}}","password":"{{Password}}","name":"\ufeffAda"}""", "name" },
        { "non-character U+FFFF in the name", Json, $$"""{"email":"{{ShopClient.NewEmail()}}","password":"{{Password}}","name":"Ada\uffff"}""", "name" },
        { "private use in the name", Json, $$"""{"email":"{{ShopClient.NewEmail()}}","password":"{{Password}}","name":"Ada\ue000"}""", "name" },
        { "tag characters in the name", Json, $$"""{"email":"{{ShopClient.NewEmail()}}","password":"{{Password}}","name":"Ada\udb40\udc41"}""", "name" },
        { "percent-encoded non-UTF-8 name in a form", Form, $"email={Uri.EscapeDataString(ShopClient.NewEmail())}&password=correct+horse+battery&name=%FF%FE", "name" },
        { "broken UTF-8 sequence %C3%28 in a form name", Form, $"email={Uri.EscapeDataString(ShopClient.NewEmail())}&password=correct+horse+battery&name=%C3%28", "name" },
        { "4 emoji as a password", Json, $$"""{"email":"{{ShopClient.NewEmail()}}","password":"\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00"}""", "password" },
        { "8 NULs as a password", Json, $$"""{"email":"{{ShopClient.NewEmail()}}","password":"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"}""", "password" },
        { "escape character in a password", Form, $"email={Uri.EscapeDataString(ShopClient.NewEmail())}&password=correct%1Bhorse", "password" },
    };

    public static TheoryData<string, string, string, string> Orders() => new()
    {
        // name, the one item, currency, field the error names
        { "price of 1e-30", """{"sku":"A","quantity":1,"unit_price":1e-30}""", "EUR", "items[0].unit_price" },
        { "0.001 EUR", """{"sku":"A","quantity":1,"unit_price":0.001}""", "EUR", "items[0].unit_price" },
        { "0.5 JPY", """{"sku":"A","quantity":1,"unit_price":0.5}""", "JPY", "items[0].unit_price" },
        { "right-to-left override in a sku", """{"sku":"A\u202E1","quantity":1,"unit_price":1}""", "EUR", "items[0].sku" },
        { "BOM in a sku", """{"sku":"\ufeffA","quantity":1,"unit_price":1}""", "EUR", "items[0].sku" },
        { "U+FFFF in a sku", """{"sku":"A\uffff","quantity":1,"unit_price":1}""", "EUR", "items[0].sku" },
        { "private use in a sku", """{"sku":"A\ue000","quantity":1,"unit_price":1}""", "EUR", "items[0].sku" },
        { "tag character in a sku", """{"sku":"A\udb40\udc01","quantity":1,"unit_price":1}""", "EUR", "items[0].sku" },
    };

    [Theory]
    [MemberData(nameof(SignUps))]
    public async Task A_sign_up_breaking_the_contract_is_refused_naming_the_field(string name, string contentType, string body, string field)
    {
        using var response = await _client.PostAsync("/api/users", Support.Json.Raw(body, contentType));

        var error = await response.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.Fields().Contains(field), $"{name}: {error}");
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task An_order_breaking_the_contract_is_refused_naming_the_field(string name, string item, string currency, string field)
    {
        var body = $$"""{"user_id":{{api.User.Id}},"items":[{{item}}],"currency":"{{currency}}"}""";

        using var response = await _client.PostAsync("/api/orders", Support.Json.Raw(body));

        var error = await response.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.Fields().Contains(field), $"{name}: {error}");
    }

    [Fact]
    public async Task A_currency_that_is_not_an_iso_4217_code_is_refused_naming_the_field()
    {
        using var response = await _client.PostAsync("/api/orders", Support.Json.Body(ShopClient.OrderBody(api.User.Id, currency: "QQQ")));

        var error = await response.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["currency"], error.Fields());
    }

    [Fact]
    public async Task A_price_in_the_currencys_minor_unit_is_kept_exactly()
    {
        var body = $$"""{"user_id":{{api.User.Id}},"items":[{"sku":"A","quantity":3,"unit_price":0.10}],"currency":"EUR"}""";

        using var response = await _client.PostAsync("/api/orders", Support.Json.Raw(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0.30m, (await response.ReadAsync()).GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_password_of_200_emoji_is_200_characters_and_accepted()
    {
        using var anonymous = api.CreateAnonymousClient();
        var password = string.Concat(Enumerable.Repeat("\U0001F600", 200));

        using var response = await anonymous.PostAsync("/api/users", Support.Json.Body(new { email = ShopClient.NewEmail(), password }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_form_field_percent_encoding_utf8_is_decoded()
    {
        var email = ShopClient.NewEmail();
        using var response = await _client.PostAsync(
            "/api/users",
            Support.Json.Raw($"email={Uri.EscapeDataString(email)}&password=correct+horse+battery&name=Zo%C3%AB+%E6%9D%8E", Form));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Zoë 李", (await response.ReadAsync()).GetProperty("name").GetString());
    }
}
