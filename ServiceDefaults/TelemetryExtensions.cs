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
    /// Metrics for Prometheus (<c>/metrics</c>) always. Traces and the export of traces, metrics and logs only where
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector: spans nobody receives cost about a third of a read's CPU.
    /// Trace ids reach logs and error responses either way, from ASP.NET Core's own request activity.
    /// </summary>
    public static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: BuildVersion.Informational))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                // WebFront's seed-named http_request_duration_seconds already times every request; a second
                // histogram per request is measurable on a read (bench/README.md).
                .AddView("http.server.request.duration", MetricStreamConfiguration.Drop)
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .DropOrleansPeerTags()
                .AddMeter(ServiceDefaultsExtensions.ShopMeterPrefix + "*")
                .AddNpgsqlInstrumentation()
                // A scrape shows what was just recorded: Prometheus polls every few seconds, a cached answer buys nothing.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));

        if (!builder.Configuration.ExportsTelemetry())
        {
            return;
        }

        otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !ServiceDefaultsExtensions.IsOperatorPath(context.Request.Path))
                .AddSource(OrleansSources)
                .AddNpgsql()
                .AddProcessor<BackgroundRootFilter>());
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        otel.UseOtlpExporter();
    }
}
