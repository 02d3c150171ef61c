using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Auth;

/// <summary>Bound from <c>Auth:Basic</c>: HTTP Basic for the operator tools a browser opens (<c>/dashboard/</c>).</summary>
public sealed class BasicAuthOptions
{
    public const string Section = "Auth:Basic";

    /// <summary>
    /// How long a verified Basic header is taken at its word before the password is checked again (zero: every
    /// request). The dashboard polls several endpoints a second; a changed password or a revoked operator role takes
    /// effect for Basic within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan VerifiedFor { get; set; } = TimeSpan.FromSeconds(30);
}
