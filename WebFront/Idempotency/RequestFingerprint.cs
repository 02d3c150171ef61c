using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Shop.WebFront.Idempotency;

/// <summary>
/// Identifies "the same request" for an idempotency key: the parsed request (so JSON and form, or reordered
/// members, count as the same), hashed. A body that holds a password (<see cref="ICarriesSecret"/>) gets a slow
/// salted hash, since the fingerprint is stored for a day; any other body a plain SHA-256, which costs next to
/// nothing on the hot order path.
/// </summary>
public static class RequestFingerprint
{
    // Enough to make guessing a password from a stored fingerprint costly, cheap enough per request (~ms).
    private const int Iterations = 10_000;

    public static string Compute<T>(string scope, string key, T request, JsonSerializerOptions json)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(request, json);
        var salt = Encoding.UTF8.GetBytes($"{scope}\n{key}");
        var hash = request is ICarriesSecret
            ? Rfc2898DeriveBytes.Pbkdf2(canonical, salt, Iterations, HashAlgorithmName.SHA256, 32)
            : SHA256.HashData([.. salt, .. canonical]);
        return Convert.ToBase64String(hash);
    }
}
