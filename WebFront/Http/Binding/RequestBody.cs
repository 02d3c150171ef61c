using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Http.Security;

namespace Shop.WebFront.Http.Binding;

/// <summary>
/// Reads a request body the way the seed's <c>express.json</c> + <c>express.urlencoded({extended: true})</c> did:
/// JSON or an HTML form (with indexed fields such as <c>items[0][sku]</c>), at most the configured size, into
/// one tree that <see cref="BodyFields"/> then reads field by field.
/// </summary>
internal static class RequestBody
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>Reads the body and maps it with <paramref name="read"/>; any field problem ends the request with 400.</summary>
    public static async ValueTask<T> BindAsync<T>(HttpContext http, Func<BodyFields, T> read)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(read);
        var (root, isForm) = await ReadObjectAsync(http);
        var fields = BodyFields.Root(root, isForm);
        var value = read(fields);
        fields.ThrowIfInvalid();
        return value;
    }

    private static async Task<(JsonObject Root, bool IsForm)> ReadObjectAsync(HttpContext http)
    {
        var limits = http.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        var isForm = IsForm(http.Request.ContentType);
        var bytes = await ReadBytesAsync(http, limits.MaxBodyBytes);
        if (bytes.Length == 0)
        {
            throw new ApiErrorException(ApiErrors.Validation("body", "is required"));
        }

        var root = isForm ? ParseForm(bytes, limits) : ParseJson(bytes, limits);
        return (root, isForm);
    }

    /// <returns>True for a form, false for JSON; anything else is refused with 415.</returns>
    private static bool IsForm(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            throw new ApiErrorException(ApiErrors.UnsupportedMediaType());
        }

        // RFC 9110 §5.6.6: a parameter value may be quoted, so charset="utf-8" is charset=utf-8.
        var charset = HeaderUtilities.RemoveQuotes(media.Charset);
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiErrorException(ApiErrors.UnsupportedMediaType());
        }

        var type = media.MediaType;
        if (type.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || (type.EndsWith("+json", StringComparison.OrdinalIgnoreCase) && type.StartsWith("application/", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (type.Equals(Form, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw new ApiErrorException(ApiErrors.UnsupportedMediaType());
    }

    private static async Task<byte[]> ReadBytesAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit)
        {
            throw new ApiErrorException(ApiErrors.PayloadTooLarge(limit));
        }

        // Chunked bodies carry no length up front: count while reading and stop just past the limit.
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new ApiErrorException(ApiErrors.PayloadTooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static JsonObject ParseJson(byte[] bytes, RequestLimitsOptions limits)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(
                bytes,
                new JsonNodeOptions { PropertyNameCaseInsensitive = false },
                new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? $"is not valid JSON (line {line + 1}, position {exception.BytePositionInLine + 1})"
                : "is not valid JSON";
            throw new ApiErrorException(ApiErrors.Validation("body", where));
        }

        return node as JsonObject
            ?? throw new ApiErrorException(ApiErrors.Validation("body", "must be a JSON object"));
    }

    private static JsonObject ParseForm(byte[] bytes, RequestLimitsOptions limits) =>
        FormFields.ToJson(UrlEncodedForm.Parse(bytes, limits.MaxFormFields));
}
