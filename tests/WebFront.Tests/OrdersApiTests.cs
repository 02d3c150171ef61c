using System.Net;
using System.Net.Http.Headers;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

public abstract class OrdersApiTests(ApiHost api) : IDisposable
{
    private readonly HttpClient _client = api.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Placing_an_order_returns_201_with_a_server_computed_total()
    {
        var user = await _client.CreateUserAsync();
        var body = new
        {
            user_id = user.Id(),
            items = new[] { new { sku = "A", quantity = 2, unit_price = 9.99m }, new { sku = "B", quantity = 1, unit_price = 0.02m } },
            currency = "EUR",
            total = 1_000_000m,
        };

        using var response = await _client.PostAsync("/api/orders", Json.Body(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadAsync();
        Assert.Equal($"/api/orders/{order.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(20.00m, order.GetProperty("total").GetDecimal());
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.Equal(user.Id(), order.GetProperty("user_id").GetInt64());
        Assert.Equal("EUR", order.GetProperty("currency").GetString());
        Assert.Equal(2, order.GetProperty("items").GetArrayLength());
        Assert.Equal(9.99m, order.GetProperty("items")[0].GetProperty("unit_price").GetDecimal());
    }

    [Fact]
    public async Task An_order_without_user_id_is_placed_for_the_signed_in_user()
    {
        var user = await _client.CreateUserAsync();

        using var json = await _client.PostAsync("/api/orders", Json.Body(new { items = new[] { new { sku = "A", quantity = 1, unit_price = 2.5m } }, currency = "EUR" }));
        using var form = await _client.PostAsync("/api/orders", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["items[0][sku]"] = "B", ["items[0][quantity]"] = "1", ["items[0][unit_price]"] = "1", ["currency"] = "EUR",
        }));

        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        Assert.Equal(HttpStatusCode.Created, form.StatusCode);
        Assert.Equal(user.Id(), (await json.ReadAsync()).GetProperty("user_id").GetInt64());
        Assert.Equal(user.Id(), (await form.ReadAsync()).GetProperty("user_id").GetInt64());
    }

    [Fact]
    public async Task Placing_an_order_from_a_form_with_indexed_items_works()
    {
        var user = await _client.CreateUserAsync();
        using var form = Json.Form(
            ("user_id", user.Id().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("items[0][sku]", "A"),
            ("items[0][quantity]", "3"),
            ("items[0][unit_price]", "1.50"),
            ("items[1][sku]", "B"),
            ("items[1][quantity]", "1"),
            ("items[1][unit_price]", "2"),
            ("currency", "usd"));

        using var response = await _client.PostAsync("/api/orders", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadAsync();
        Assert.Equal(6.50m, order.GetProperty("total").GetDecimal());
        Assert.Equal("USD", order.GetProperty("currency").GetString());
        Assert.Equal("B", order.GetProperty("items")[1].GetProperty("sku").GetString());
    }

    [Fact]
    public async Task Placing_an_order_for_an_unknown_user_returns_404_NOT_FOUND()
    {
        // Only the signed-in user may be named, so the unknown user is one deleted while their token is still valid.
        var user = await _client.CreateUserAsync();
        using (var deleted = await _client.DeleteAsync($"/api/users/{user.Id()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var response = await _client.PostAsync("/api/orders", Json.Body(ShopClient.OrderBody(user.Id())));

        await response.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Placing_an_order_reports_every_item_problem_at_once()
    {
        var body = new
        {
            user_id = 1,
            items = new object[] { new { sku = "", quantity = 0, unit_price = -1 }, new { sku = "B", quantity = "two", unit_price = 1 } },
        };

        using var response = await _client.PostAsync("/api/orders", Json.Body(body));

        var error = await response.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(
            ["currency", "items[0].quantity", "items[0].sku", "items[0].unit_price", "items[1].quantity"],
            error.Fields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Getting_an_order_returns_200_and_its_etag()
    {
        var user = await _client.CreateUserAsync();
        var placed = await _client.PlaceOrderAsync(user.Id());

        using var response = await _client.GetAsync($"/api/orders/{placed.Id()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(placed.GetProperty("total").GetDecimal(), (await response.ReadAsync()).GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Getting_an_unknown_order_returns_404_NOT_FOUND()
    {
        using var response = await _client.GetAsync("/api/orders/987654321015");

        await response.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Getting_an_order_with_its_etag_in_If_None_Match_returns_304()
    {
        var user = await _client.CreateUserAsync();
        var placed = await _client.PlaceOrderAsync(user.Id());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{placed.Id()}");
        request.Headers.TryAddWithoutValidation("If-None-Match", "W/\"1\"");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task An_order_moves_from_pending_to_paid_to_shipped_to_delivered()
    {
        var user = await _client.CreateUserAsync();
        var order = await _client.PlaceOrderAsync(user.Id());
        using var operatorClient = api.CreateOperatorClient();

        // The owner pays; an operator ships and delivers.
        var version = 1;
        foreach (var (verb, status, client) in new[] { ("pay", "paid", _client), ("ship", "shipped", operatorClient), ("deliver", "delivered", operatorClient) })
        {
            using var response = await client.PostAsync($"/api/orders/{order.Id()}/{verb}", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(status, (await response.ReadAsync()).GetProperty("status").GetString());
            Assert.Equal($"\"{++version}\"", response.Headers.ETag?.Tag);
        }

        // Delivered orders are closed, so the user may now go.
        using var delete = await _client.DeleteAsync($"/api/users/{user.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Delivering_a_pending_order_returns_409_INVALID_TRANSITION()
    {
        var user = await _client.CreateUserAsync();
        var order = await _client.PlaceOrderAsync(user.Id());
        using var operatorClient = api.CreateOperatorClient();

        using var response = await operatorClient.PostAsync($"/api/orders/{order.Id()}/deliver", null);

        await response.HasErrorAsync(HttpStatusCode.Conflict, "INVALID_TRANSITION");
    }

    [Fact]
    public async Task A_cancelled_order_cannot_be_paid()
    {
        var user = await _client.CreateUserAsync();
        var order = await _client.PlaceOrderAsync(user.Id());

        using var cancel = await _client.PostAsync($"/api/orders/{order.Id()}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.ReadAsync()).GetProperty("status").GetString());

        using var pay = await _client.PostAsync($"/api/orders/{order.Id()}/pay", null);
        await pay.HasErrorAsync(HttpStatusCode.Conflict, "INVALID_TRANSITION");
    }

    [Fact]
    public async Task A_transition_with_a_stale_etag_returns_412_PRECONDITION_FAILED()
    {
        var user = await _client.CreateUserAsync();
        var order = await _client.PlaceOrderAsync(user.Id());
        using (var pay = await _client.PostAsync($"/api/orders/{order.Id()}/pay", null))
        {
            Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{order.Id()}/cancel");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var response = await _client.SendAsync(request);

        await response.HasErrorAsync(HttpStatusCode.PreconditionFailed, "PRECONDITION_FAILED");
    }

    [Fact]
    public async Task A_transition_on_an_unknown_order_returns_404_NOT_FOUND()
    {
        using var response = await _client.PostAsync("/api/orders/987654321016/pay", null);

        await response.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_users_orders_are_listed_newest_first_in_pages()
    {
        var user = await _client.CreateUserAsync();
        var placed = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add((await _client.PlaceOrderAsync(user.Id())).Id());
        }

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/users/{user.Id()}/orders?limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            using var response = await _client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.Id()));
            var next = page.GetProperty("next_cursor");
            cursor = next.ValueKind == System.Text.Json.JsonValueKind.Null ? null : next.GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(placed), seen);
    }

    [Fact]
    public async Task Listing_orders_with_a_limit_out_of_range_returns_400_VALIDATION_ERROR()
    {
        var user = await _client.CreateUserAsync();

        using var response = await _client.GetAsync($"/api/users/{user.Id()}/orders?limit=0");

        var error = await response.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["limit"], error.Fields());
    }

    [Fact]
    public async Task Listing_orders_of_an_unknown_user_returns_404_NOT_FOUND()
    {
        using var response = await _client.GetAsync("/api/users/987654321017/orders");

        await response.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}

[Collection(ApiCollection.Name)]
public sealed class OrdersApiOnMemory(ApiFixture api) : OrdersApiTests(api);

[Collection(PostgresApiCollection.Name)]
public sealed class OrdersApiOnPostgres(PostgresApiFixture api) : OrdersApiTests(api);
