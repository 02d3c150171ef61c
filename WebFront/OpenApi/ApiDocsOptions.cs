using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.OpenApi;

/// <summary>Bound from <c>ApiDocs</c>: what the OpenAPI document says about where the API lives.</summary>
public sealed class ApiDocsOptions
{
    public const string Section = "ApiDocs";

    /// <summary>The URL clients reach the API at (the entry URL in front of the silos), without a trailing slash.</summary>
    [Required, Url]
    public string ServerUrl { get; set; } = "http://127.0.0.1:8080";

    [Required, EmailAddress]
    public string ContactEmail { get; set; } = "api@shop.localhost";
}
