using System.Text;
using System.Text.Json;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

/// <summary>The requests of /api/auth, raw, so tests can look at every answer.</summary>
public static class AuthRequests
{
    public static Task<HttpResponseMessage> TokenAsync(this HttpClient client, string email, string password) =>
        client.PostAsync("/api/auth/token", Json.Body(new { email, password }));

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken) =>
        client.PostAsync("/api/auth/refresh", Json.Body(new { refresh_token = refreshToken }));

    public static Task<HttpResponseMessage> LogoutAsync(this HttpClient client, string refreshToken) =>
        client.PostAsync("/api/auth/logout", Json.Body(new { refresh_token = refreshToken }));

    /// <summary>The JSON payload of a JWT, decoded without checking it (the server checks; tests read).</summary>
    public static JsonElement Payload(string jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part)));
        return document.RootElement.Clone();
    }

    /// <summary>An error body without its per-request trace id, to compare two refusals.</summary>
    public static string WithoutTraceId(JsonElement error) =>
        string.Join("|", error.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
}
