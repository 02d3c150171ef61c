using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Shop.WebFront.Tests.Support;

public static class Json
{
    public static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static StringContent Body(object value) =>
        new(JsonSerializer.Serialize(value, SnakeCase), Encoding.UTF8, "application/json");

    public static ByteArrayContent Raw(string text, string? contentType = "application/json") => Raw(Encoding.UTF8.GetBytes(text), contentType);

    public static ByteArrayContent Raw(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
