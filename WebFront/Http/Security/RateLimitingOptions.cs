using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Http.Security;

/// <summary>Bound from <c>RateLimiting</c>; defaults are the seed's express-rate-limit: 100 requests per 15 minutes per IP.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
