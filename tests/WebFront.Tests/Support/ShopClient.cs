using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Shop.WebFront.Tests.Support;

/// <summary>Small steps the tests repeat: make a user, sign in, place an order.</summary>
public static class ShopClient
{
    public const string Password = "correct horse battery";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    /// <summary>Makes a user and signs the client in as them: its later requests act as this user.</summary>
    public static async Task<JsonElement> CreateUserAsync(this HttpClient client, string? email = null, string? name = "Ann")
    {
        ArgumentNullException.ThrowIfNull(client);
        email ??= NewEmail();
        using var response = await client.PostAsync("/api/users", Json.Body(new { email, password = Password, name }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await response.ReadAsync();
        client.As((await client.SignInAsync(email)).AccessToken);
        return user;
    }

    /// <summary>Makes a user and signs them in, leaving the client as it was.</summary>
    public static async Task<SignedIn> SignUpAsync(this HttpClient client, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        email ??= NewEmail();
        using var response = await client.PostAsync("/api/users", Json.Body(new { email, password = Password }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await client.SignInAsync(email);
    }

    public static async Task<SignedIn> SignInAsync(this HttpClient client, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = Json.Body(new { email, password }) };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = await response.ReadAsync();
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var user = await client.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        return new SignedIn((await user.ReadAsync()).Id(), email, accessToken, tokens.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>Sends <paramref name="accessToken"/> with every later request of this client.</summary>
    public static HttpClient As(this HttpClient client, string accessToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
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
