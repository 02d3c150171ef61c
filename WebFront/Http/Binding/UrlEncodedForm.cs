using System.Net;
using System.Text;
using Microsoft.Extensions.Primitives;
using Shop.Grains.Interfaces.Errors;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Http.Binding;

/// <summary>
/// Splits an <c>application/x-www-form-urlencoded</c> body into its fields, decoding each name and value as UTF-8
/// strictly. ASP.NET Core's <c>FormReader</c> (like the seed's <c>qs</c>) keeps an escape that is not UTF-8, such as
/// <c>%FF%FE</c>, as the literal text "%FF%FE", so a client's broken bytes would be stored as if they were its words.
/// </summary>
internal static class UrlEncodedForm
{
    public const int MaxNameLength = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Dictionary<string, StringValues> Parse(ReadOnlySpan<byte> body, int maxFields)
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var count = 0;
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            if (++count > maxFields)
            {
                throw new ApiErrorException(ApiErrors.Validation("body", $"must have at most {maxFields} form fields"));
            }

            var equals = pair.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = Decode(equals < 0 ? [] : pair[(equals + 1)..]);
            if (name is { Length: 0 })
            {
                // As qs does: a value without a name ("=x") names nothing to bind.
                continue;
            }

            if (name is null)
            {
                errors.Add(new FieldError("body", "has a field name that is not UTF-8 once percent-decoded"));
            }
            else if (name.Length > MaxNameLength)
            {
                errors.Add(new FieldError("body", $"has a field name longer than {MaxNameLength} characters"));
            }
            else if (value is null)
            {
                errors.Add(new FieldError(name, "must be UTF-8 text once percent-decoded"));
            }
            else
            {
                fields[name] = fields.TryGetValue(name, out var earlier) ? StringValues.Concat(earlier, value) : new StringValues(value);
            }
        }

        if (errors.Count > 0)
        {
            throw new ApiErrorException(ApiErrors.Validation(errors));
        }

        return fields;
    }

    /// <returns>The decoded text, or null when its bytes are not UTF-8.</returns>
    private static string? Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = WebUtility.UrlDecodeToBytes(encoded.ToArray(), 0, encoded.Length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
