using System.Net;
using System.Text.Json;

namespace Shop.WebFront.Tests.Support;

/// <summary>Checks that a failed response has the Error shape, the expected status and code, and leaks nothing.</summary>
public static class ErrorAssert
{
    private static readonly string[] Leaks =
    [
        "   at ", "Exception", "System.", "Orleans.", "Shop.", "Npgsql", "StackTrace", "stack", ".cs:line",
        "SELECT ", "INSERT ",
    ];

    public static async Task<JsonElement> HasErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var leak in Leaks)
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(text);
        var body = document.RootElement.Clone();
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Array, body.GetProperty("details").ValueKind);
        foreach (var detail in body.GetProperty("details").EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(detail.GetProperty("field").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(detail.GetProperty("message").GetString()));
        }

        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("traceId").GetString()));
        return body;
    }

    public static IReadOnlyList<string> Fields(this JsonElement error) =>
        [.. error.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()!)];
}
