using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Auth;

/// <summary>
/// Bound from <c>Auth:RateLimit</c>: the per-IP limit of <c>/api/auth/*</c>, stricter than the API's general one
/// because each sign-in attempt is a password guess.
/// </summary>
public sealed class AuthRateLimitOptions
{
    public const string Section = "Auth:RateLimit";

    public bool Enabled { get; set; } = true;

    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
