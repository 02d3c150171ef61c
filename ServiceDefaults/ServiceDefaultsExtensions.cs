using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.ServiceDefaults;

/// <summary>What every host of the shop has in common: telemetry, logs, health and operator endpoints.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>Meters of the shop's own code; every host exports them.</summary>
    public const string ShopMeterPrefix = "Shop.";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<ManagementOptions>(ManagementOptions.Section);
        builder.Services.AddHealthChecks().AddCheck("process", () => HealthCheckResult.Healthy(), [LiveTag]);
        ReadinessGauge.AddReadinessGauge(builder);
        builder.AddTelemetry(serviceName);
        builder.AddConsoleLogDefaults();
        builder.ListenOnManagementPort();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>, without authentication (probes and Prometheus
    /// scrape without credentials) and without rate limits; only on the management port when <c>Management:Port</c> is
    /// set. Returns the operator group, so a host can add its own operator endpoints (the dashboard) beside them.
    /// </summary>
    public static RouteGroupBuilder MapOperatorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("").ExcludeFromDescription().DisableRateLimiting();
        if (ManagementPort.Configured(app.Configuration) is { } port)
        {
            group.RequireHost($"*:{port}");
        }

        // Read-only resources: any other method is 405 with Allow, not an answer that looks like a successful write.
        var readOnly = new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]);
        group.MapHealthChecks("/health/live", HealthResponse.For(LiveTag)).WithMetadata(readOnly);
        group.MapHealthChecks("/health/ready", HealthResponse.For(ReadyTag)).WithMetadata(readOnly);
        group.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(readOnly);
        return group;
    }

    /// <summary>
    /// Whether an OTLP collector is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): only then are traces recorded, and
    /// only then do hosts propagate them through grain calls.
    /// </summary>
    public static bool ExportsTelemetry(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>Paths polled by machines or operators; left out of traces so they do not drown the API's.</summary>
    public static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/dashboard");
}
