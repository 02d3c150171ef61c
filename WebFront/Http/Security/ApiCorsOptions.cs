namespace Shop.WebFront.Http.Security;

/// <summary>Bound from <c>Cors</c>. No origins listed means no cross-origin access (outside Development).</summary>
public sealed class ApiCorsOptions
{
    public const string Section = "Cors";

    /// <summary>Exact origins such as <c>https://shop.example.com</c>.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];

    /// <summary>In Development with no origins listed, allow any origin (local front-end dev servers).</summary>
    public bool AllowAnyOriginInDevelopment { get; set; } = true;
}
