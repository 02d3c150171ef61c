using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Shop.ServiceDefaults;

internal static class TelemetryExtensions
{
    /// <summary>The activity sources of Orleans' activity propagation (grain calls on clients and silos).</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Metrics for Prometheus (<c>/metrics</c>) always; traces always (their ids reach logs and error responses);
    /// OTLP export of traces, metrics and logs only where <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector.
    /// </summary>
    public static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter(ServiceDefaultsExtensions.ShopMeterPrefix + "*")
                .AddNpgsqlInstrumentation()
                // A scrape shows what was just recorded: Prometheus polls every few seconds, a cached answer buys nothing.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !ServiceDefaultsExtensions.IsOperatorPath(context.Request.Path))
                .AddSource(OrleansSources)
                .AddNpgsql()
                .AddProcessor<BackgroundRootFilter>());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            otel.UseOtlpExporter();
        }
    }
}
