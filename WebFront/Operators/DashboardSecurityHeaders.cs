namespace Shop.WebFront.Operators;

/// <summary>
/// The dashboard is an operator tool reached over plain HTTP on the management port (inside the network, or through a
/// tunnel). The API's policy says <c>upgrade-insecure-requests</c>, with which a browser fetches the dashboard's own
/// script over https from any host but localhost, and the page stays empty. The dashboard's policy is otherwise as
/// strict (scripts from itself only, no inline script) and may not be framed at all.
/// </summary>
internal static class DashboardSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';" +
        "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline'";

    /// <summary>
    /// Must come before WebFront's security headers: response-start callbacks run last-registered first, so this one
    /// runs after theirs and has the last word on this one header. Every other header stays as they set it.
    /// </summary>
    public static IApplicationBuilder UseDashboardSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(DashboardEndpoints.Path))
            {
                var response = context.Response;
                response.OnStarting(() =>
                {
                    response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
}
