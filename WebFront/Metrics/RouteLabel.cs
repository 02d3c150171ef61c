using Microsoft.AspNetCore.Diagnostics;

namespace Shop.WebFront.Metrics;

/// <summary>The <c>route</c> label: the matched endpoint's template, e.g. <c>/api/users/{id}</c>.</summary>
public static class RouteLabel
{
    /// <summary>Requests no endpoint matched (404s for unknown paths), all under one label value.</summary>
    public const string Unmatched = "unmatched";

    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The exception handler clears the endpoint before it writes the error; it keeps the original for us.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return endpoint is RouteEndpoint { RoutePattern.RawText: { } template } ? WithoutTrailingSlash(template) : Unmatched;
    }

    // A group's root endpoint has the template "/api/users/"; the seed (Express routes) said "/api/users".
    private static string WithoutTrailingSlash(string template) =>
        template.Length > 1 && template.EndsWith('/') ? template.TrimEnd('/') : template;
}
