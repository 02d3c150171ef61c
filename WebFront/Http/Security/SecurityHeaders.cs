namespace Shop.WebFront.Http.Security;

/// <summary>
/// The response headers helmet sets by default (helmet 7/8), on every response including errors and 429s.
/// Kestrel's <c>Server</c> header is switched off in <see cref="ApiSecurityExtensions"/>; ASP.NET Core sends no
/// <c>X-Powered-By</c>.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
        "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
        "style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests";

    // The API reference page (Scalar) starts itself with an inline module script; only that page allows it. It is
    // served self-contained (its bundle from this host, no web fonts, no cloud features), so it needs nothing from
    // elsewhere; and without upgrade-insecure-requests, which made a browser fetch the page's own script over https
    // and show a blank page on any plain-HTTP address but localhost.
    public const string DocsContentSecurityPolicy =
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'self';" +
        "img-src 'self' data:;object-src 'none';script-src 'self' 'unsafe-inline';script-src-attr 'none';" +
        "style-src 'self' 'unsafe-inline'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, PathString docsPath, bool sendHsts) =>
        app.Use((context, next) =>
        {
            var response = context.Response;
            var isDocs = context.Request.Path.StartsWithSegments(docsPath);
            var isApi = context.Request.Path.StartsWithSegments("/api");
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.ContentSecurityPolicy = isDocs ? DocsContentSecurityPolicy : ContentSecurityPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                headers["Origin-Agent-Cluster"] = "?1";
                headers["Referrer-Policy"] = "no-referrer";
                if (sendHsts)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                headers.XContentTypeOptions = "nosniff";
                headers["X-DNS-Prefetch-Control"] = "off";
                headers["X-Download-Options"] = "noopen";
                headers.XFrameOptions = "SAMEORIGIN";
                headers["X-Permitted-Cross-Domain-Policies"] = "none";
                headers.XXSSProtection = "0";
                // API answers are one person's data (profiles, orders, tokens): no shared or browser cache may keep them.
                // Conditional requests still work: clients send If-None-Match with the ETag they kept themselves.
                if (isApi && !headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                headers.Remove("X-Powered-By");
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });
}
