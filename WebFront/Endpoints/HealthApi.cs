using Microsoft.AspNetCore.Http.HttpResults;

namespace Shop.WebFront.Endpoints;

/// <summary>Liveness for orchestrators: the process is up and serving HTTP. Readiness comes with issue 5.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", Live)
            .WithName("Live")
            .WithSummary("Liveness probe")
            .WithTags("Health")
            .DisableRateLimiting();
        return app;
    }

    public static Ok<LiveStatus> Live() => TypedResults.Ok(new LiveStatus("live"));

    public sealed record LiveStatus(string Status);
}
