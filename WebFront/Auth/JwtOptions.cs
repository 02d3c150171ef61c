using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Auth;

/// <summary>Bound from <c>Auth:Jwt</c>: how access tokens are signed and what they claim.</summary>
public sealed class JwtOptions
{
    public const string Section = "Auth:Jwt";
    public const string SigningKeySetting = Section + ":SigningKey";

    /// <summary>Base64 of at least 256 random bits (HMAC-SHA256). Outside Development it must be set.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where Development keeps the key it generates when none is configured; relative to the content root.</summary>
    [Required]
    public string KeyFile { get; set; } = ".data/jwt-signing.key";

    [Required]
    public string Issuer { get; set; } = "shop";

    [Required]
    public string Audience { get; set; } = "shop-api";

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tolerated difference between this host's clock and the issuer's.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
