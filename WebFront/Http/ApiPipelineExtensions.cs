using Microsoft.AspNetCore.RateLimiting;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Http.Security;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Http;

public static class ApiPipelineExtensions
{
    public const string DocsPath = "/docs";

    /// <summary>The middleware in the order it must run: HEAD as GET, who the client is, headers, errors, CORS, rate limit,
    /// the trace context for grain calls.</summary>
    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHeadAsGet();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(DocsPath, sendHsts: !app.Environment.IsDevelopment());
        // ApiExceptionHandler answers every exception; this delegate only runs should it ever decline one.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => ErrorWriter.WriteAsync(context, ApiErrors.Internal()),
        });
        app.UseStatusCodePages(context => ErrorWriter.WriteAsync(context.HttpContext, ApiErrors.ForBareStatus(context.HttpContext.Response.StatusCode)));
        app.UseRouting();
        app.UseCors(ApiSecurityExtensions.CorsPolicy);
        app.UseRateLimiter();
        app.UseRateLimitHeaders();
        app.UseTraceContextForGrainCalls();
        return app;
    }

    private static void UseRateLimitHeaders(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<ClientRateLimiter>();
        if (!limiter.Enabled)
        {
            return;
        }

        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
            {
                limiter.WriteQuotaHeaders(context);
            }

            return next(context);
        });
    }
}
