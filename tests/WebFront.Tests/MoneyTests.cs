using System.Globalization;
using System.Net;
using System.Text.Json;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>
/// Amounts are exact decimals in the currency's major unit with at most its minor-unit digits. The numbers are compared
/// as the JSON text the API wrote, so a double anywhere on the way (reader, grain, store, writer) would show.
/// </summary>
public abstract class MoneyTests(ApiHost api) : IDisposable
{
    private readonly HttpClient _client = api.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_JPY_price_with_decimals_is_refused_with_400_naming_the_field()
    {
        var user = await _client.CreateUserAsync();

        using var response = await _client.PostAsync("/api/orders", Json.Body(ShopClient.OrderBody(user.Id(), unitPrice: 100.5m, currency: "JPY")));

        var error = await response.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["items[0].unit_price"], error.Fields());
        Assert.Contains("0 decimal places", error.GetProperty("details")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_KWD_price_with_3_decimals_is_accepted_and_read_back_exactly()
    {
        var user = await _client.CreateUserAsync();

        var order = await PlaceAsync(user.Id(), """[{"sku":"A","quantity":3,"unit_price":1.125}]""", "KWD");

        foreach (var read in await ReadBackAsync(user.Id(), order.Id()))
        {
            Assert.Equal("1.125", read.GetProperty("items")[0].GetProperty("unit_price").GetRawText());
            Assert.Equal("3.375", read.GetProperty("total").GetRawText());
        }
    }

    [Fact]
    public async Task A_large_amount_round_trips_exactly_through_POST_and_GET()
    {
        // The largest total the rules allow is 100 items × 10000 × 1000000 = 10^12. In CLF (4 decimals) this one has
        // 16 significant digits; a double holds it as 989999999703.0002.
        var user = await _client.CreateUserAsync();
        var items = string.Join(',', Enumerable.Repeat("""{"sku":"A","quantity":10000,"unit_price":999999.9997}""", 99))
                    + """,{"sku":"B","quantity":1,"unit_price":0.0003}""";

        var order = await PlaceAsync(user.Id(), $"[{items}]", "CLF");

        Assert.Equal("989999999703.0003", order.GetProperty("total").GetRawText());
        foreach (var read in await ReadBackAsync(user.Id(), order.Id()))
        {
            Assert.Equal("989999999703.0003", read.GetProperty("total").GetRawText());
            Assert.Equal("999999.9997", read.GetProperty("items")[0].GetProperty("unit_price").GetRawText());
        }
    }

    private async Task<JsonElement> PlaceAsync(long userId, string items, string currency)
    {
        var body = $$"""{"user_id":{{userId.ToString(CultureInfo.InvariantCulture)}},"currency":"{{currency}}","items":{{items}}}""";
        using var response = await _client.PostAsync("/api/orders", Json.Raw(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    /// <summary>The order as GET returns it (from the grain) and as its user's list returns it (from the store's query).</summary>
    private async Task<JsonElement[]> ReadBackAsync(long userId, long orderId)
    {
        using var single = await _client.GetAsync($"/api/orders/{orderId}");
        using var list = await _client.GetAsync($"/api/users/{userId}/orders");
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listed = (await list.ReadAsync()).GetProperty("items").EnumerateArray().Single(o => o.Id() == orderId);
        return [await single.ReadAsync(), listed];
    }
}

[Collection(ApiCollection.Name)]
public sealed class MoneyOnMemory(ApiFixture api) : MoneyTests(api);

[Collection(PostgresApiCollection.Name)]
public sealed class MoneyOnPostgres(PostgresApiFixture api) : MoneyTests(api);
