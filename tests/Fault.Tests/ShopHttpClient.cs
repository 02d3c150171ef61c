using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Fault.Tests;

/// <summary>The few REST calls the fault tests drive through WebFront, with snake_case JSON as the API speaks it.</summary>
internal sealed class ShopHttpClient(Uri baseAddress) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };

    public sealed record User(long Id, string Email, string? Name);

    public sealed record Tokens(string AccessToken, string RefreshToken);

    public async Task<User> CreateUserAsync(string email, string password, string name, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { email, password, name }, options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await _http.SendAsync(request);
        return await ReadAsync<User>(response, HttpStatusCode.Created);
    }

    public async Task<string> SignInAsync(string email, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/token", new { email, password }, Json);
        return (await ReadAsync<Tokens>(response, HttpStatusCode.OK)).AccessToken;
    }

    public async Task<User> RenameAsync(long id, string token, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/users/{id}") { Content = JsonContent.Create(new { name }, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return await ReadAsync<User>(response, HttpStatusCode.OK);
    }

    public async Task<User> GetUserAsync(long id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return await ReadAsync<User>(response, HttpStatusCode.OK);
    }

    public sealed record Order(long Id, long UserId);

    private sealed record OrderList(IReadOnlyList<Order> Items);

    /// <summary>Places one order for <paramref name="userId"/> under <paramref name="key"/> (an Idempotency-Key).</summary>
    public async Task<Order> PlaceOrderAsync(long userId, string token, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { user_id = userId, currency = "EUR", items = new[] { new { sku = "BOOK", quantity = 1, unit_price = 9.5m } } }, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _http.SendAsync(request);
        return await ReadAsync<Order>(response, HttpStatusCode.Created);
    }

    public async Task<IReadOnlyList<Order>> ListOrdersAsync(long userId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{userId}/orders?limit=100");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return (await ReadAsync<OrderList>(response, HttpStatusCode.OK)).Items;
    }

    public void Dispose() => _http.Dispose();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}
