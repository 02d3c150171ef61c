using System.Net;
using System.Text.Json;

namespace Shop.WebFront.Tests.Support;

/// <summary>Small steps the tests repeat: make a user, place an order.</summary>
public static class ShopClient
{
    public const string Password = "correct horse battery";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public static async Task<JsonElement> CreateUserAsync(this HttpClient client, string? email = null, string? name = "Ann")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsync(
            "/api/users",
            Json.Body(new { email = email ?? NewEmail(), password = Password, name }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync();
    }

    public static object OrderBody(long userId, int quantity = 2, decimal unitPrice = 9.99m, string currency = "EUR") => new
    {
        user_id = userId,
        items = new[] { new { sku = "SKU-1", quantity, unit_price = unitPrice } },
        currency,
    };

    public static async Task<JsonElement> PlaceOrderAsync(this HttpClient client, long userId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsync("/api/orders", Json.Body(OrderBody(userId)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync();
    }

    public static long Id(this JsonElement resource) => resource.GetProperty("id").GetInt64();
}
