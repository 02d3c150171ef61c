using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shop.WebFront.Auth;
using Shop.WebFront.Tests.Fixtures;

namespace Shop.WebFront.Tests.Auth;

/// <summary>
/// Access tokens WebFront must refuse, each as close to a good one as possible: right issuer, audience and claims,
/// with one thing wrong.
/// </summary>
public static class TestTokens
{
    private static readonly JwtOptions Defaults = new();
    private static readonly string[] UnknownCriticalExtensions = ["exp-policy"];

    /// <summary>Signed with the right key, but expired an hour ago (well past any clock skew).</summary>
    public static string Expired(long userId, params string[] roles) =>
        Create(userId, roles, Convert.FromBase64String(TestSigningKey.Base64), DateTime.UtcNow.AddHours(-2), TimeSpan.FromHours(1));

    /// <summary>Current, but signed with a key WebFront does not know.</summary>
    public static string WrongSignature(long userId, params string[] roles) =>
        Create(userId, roles, RandomNumberGenerator.GetBytes(32), DateTime.UtcNow, TimeSpan.FromMinutes(15));

    /// <summary>A token WebFront would accept; for checking that the others differ only in what they claim.</summary>
    public static string Valid(long userId, params string[] roles) =>
        Create(userId, roles, Convert.FromBase64String(TestSigningKey.Base64), DateTime.UtcNow, TimeSpan.FromMinutes(15));

    /// <summary>Signed with the right key and current, but naming a critical header extension WebFront does not know.</summary>
    public static string WithCriticalExtension(long userId, params string[] roles) =>
        Create(userId, roles, Convert.FromBase64String(TestSigningKey.Base64), DateTime.UtcNow, TimeSpan.FromMinutes(15),
            new Dictionary<string, object> { ["crit"] = UnknownCriticalExtensions, ["exp-policy"] = "strict" });

    private static string Create(
        long userId, string[] roles, byte[] key, DateTime issuedAt, TimeSpan lifetime, IDictionary<string, object>? header = null)
    {
        var identity = new ClaimsIdentity();
        identity.AddClaim(new Claim("sub", userId.ToString(CultureInfo.InvariantCulture)));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim("role", role));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Defaults.Issuer,
            Audience = Defaults.Audience,
            Subject = identity,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
            AdditionalHeaderClaims = header,
        });
    }
}
