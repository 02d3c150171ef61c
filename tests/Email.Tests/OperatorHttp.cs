using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Shop.Email.Tests;

/// <summary>HTTP clients of the silo's API as the operator account configured by <see cref="Settings"/>.</summary>
internal static class OperatorHttp
{
    private const string Email = "operator@example.com";
    private const string Password = "operator password";

    /// <summary>The operator account the silo creates at start (<c>Auth:Operator:*</c>).</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:Operator:Email"] = Email,
        ["Auth:Operator:Password"] = Password,
    };

    /// <summary>Signed in as an API client does: a bearer token from <c>POST /api/auth/token</c>.</summary>
    public static async Task<HttpClient> BearerAsync(ShopSilo silo)
    {
        var client = Anonymous(silo);
        using var token = await client.PostAsJsonAsync("/api/auth/token", new { email = Email, password = Password });
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.StatusCode == HttpStatusCode.OK, $"POST /api/auth/token: {(int)token.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>The operator's password as HTTP Basic, as a browser sends it to the dashboard.</summary>
    public static HttpClient Basic(ShopSilo silo)
    {
        var client = Anonymous(silo);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{Password}")));
        return client;
    }

    private static HttpClient Anonymous(ShopSilo silo) => new() { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(30) };
}
