using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Shop.ServiceDefaults;

/// <summary>What every host of the shop has in common: telemetry, health and operator endpoints.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>Meters of the shop's own code; every host exports them.</summary>
    public const string ShopMeterPrefix = "Shop.";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHealthChecks().AddCheck("process", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.AddTelemetry(serviceName);
        builder.ListenOnManagementPort();
        return builder;
    }

    private static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter(ShopMeterPrefix + "*")
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperatorPath(context.Request.Path))
                .AddSource("Microsoft.Orleans.Runtime")
                .AddSource("Microsoft.Orleans.Application")
                .AddNpgsql());

        // OTLP export only where a collector is configured; otherwise traces stay in-process (ids still flow to logs).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(tracing => tracing.AddOtlpExporter()).WithMetrics(metrics => metrics.AddOtlpExporter());
        }
    }

    private static void ListenOnManagementPort(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration.GetValue<int?>($"{ManagementOptions.Section}:{nameof(ManagementOptions.Port)}");
        if (port is null)
        {
            return;
        }

        // Adding a management listener replaces the URL-based defaults, so re-add those explicitly.
        var urls = (builder.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in urls)
            {
                var uri = new Uri(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal));
                kestrel.Listen(IPAddress.Parse(uri.Host == "localhost" ? "127.0.0.1" : uri.Host), uri.Port);
            }

            kestrel.ListenAnyIP(port.Value);
        });
    }

    /// <summary>
    /// <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>; on the management port only when one is set.
    /// Returns the builder of the operator group, so a host can add its own operator endpoints beside them.
    /// </summary>
    public static RouteGroupBuilder MapOperatorEndpoints(this WebApplication app)
    {
        var port = app.Configuration.GetValue<int?>($"{ManagementOptions.Section}:{nameof(ManagementOptions.Port)}");
        var group = app.MapGroup("").ExcludeFromDescription();
        if (port is not null)
        {
            group.RequireHost($"*:{port}");
        }

        group.MapHealthChecks("/health/live", HealthOptions(LiveTag));
        group.MapHealthChecks("/health/ready", HealthOptions(ReadyTag));
        group.MapPrometheusScrapingEndpoint("/metrics");
        return group;
    }

    public static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/dashboard");

    private static HealthCheckOptions HealthOptions(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteHealthJsonAsync,
    };

    private static Task WriteHealthJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            duration_ms = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
