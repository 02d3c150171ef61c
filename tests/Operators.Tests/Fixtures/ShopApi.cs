using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Operators.Tests.Fixtures;

/// <summary>The few API calls these tests make through WebFront.</summary>
internal static class ShopApi
{
    public static async Task<long> CreateUserAsync(
        HttpClient api, TraceParent? trace = null, string? email = null, string password = "a fine password")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = JsonContent.Create(new { email = email ?? $"user-{Guid.NewGuid():N}@example.com", password, name = "Ada" }),
        };
        trace?.AddTo(request);
        using var response = await api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/users: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient api, string path, TraceParent? trace = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        trace?.AddTo(request);
        return await api.SendAsync(request);
    }
}
