using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.ServiceDefaults;

/// <summary>
/// Readiness as a series Prometheus can alert on, <c>shop_health_readiness</c>: 2 healthy, 1 degraded, 0 unhealthy.
/// ASP.NET Core's health check publisher runs the readiness checks every <c>Health:Publisher:Period</c> (30 s by
/// default) whether or not anything probes <c>/health/ready</c>, whose JSON answer a scrape cannot read.
/// </summary>
internal sealed class ReadinessGauge : IHealthCheckPublisher
{
    public const string MeterName = ServiceDefaultsExtensions.ShopMeterPrefix + "Health";
    private const string PublisherSection = "Health:Publisher";
    private const int NotYetChecked = -1;

    private int status = NotYetChecked;

    public ReadinessGauge(IMeterFactory meterFactory) =>
        meterFactory.Create(MeterName).CreateObservableGauge("shop.health.readiness", Observe, unit: null,
            "This host's readiness at its last periodic check: 2 healthy, 1 degraded (answers 200), 0 unhealthy");

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        Volatile.Write(ref status, report.Status switch
        {
            HealthStatus.Healthy => 2,
            HealthStatus.Degraded => 1,
            _ => 0,
        });
        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<int>> Observe() =>
        Volatile.Read(ref status) is var value and not NotYetChecked ? [new Measurement<int>(value)] : [];

    /// <summary>The readiness checks only (the liveness check says nothing), first run a second after start-up.</summary>
    public static void AddReadinessGauge(WebApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<IHealthCheckPublisher, ReadinessGauge>();
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Predicate = check => check.Tags.Contains(ServiceDefaultsExtensions.ReadyTag);
            options.Delay = TimeSpan.FromSeconds(1);
        });
        builder.Services.Configure<HealthCheckPublisherOptions>(builder.Configuration.GetSection(PublisherSection));
    }
}
