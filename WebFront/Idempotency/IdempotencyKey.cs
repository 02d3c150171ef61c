using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Idempotency;

/// <summary>The <c>Idempotency-Key</c> request header (IETF draft-ietf-httpapi-idempotency-key-header).</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 255;

    /// <returns>The key, null when the header is absent; a malformed key is a 400.</returns>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new ApiErrorException(ApiErrors.Validation(
                Header,
                $"must be one value of 1 to {MaxLength} visible ASCII characters"));
        }

        return key;
    }
}
