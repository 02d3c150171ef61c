using Shop.ServiceDefaults;
using Shop.WebFront.Metrics;

namespace Shop.WebFront.Operators;

public static class OperatorToolsExtensions
{
    public const string ServiceName = "shop-webfront";

    /// <summary>
    /// Telemetry, JSON logs and health shared with the silo, the seed's request metrics, and readiness meaning "the
    /// cluster answers".
    /// </summary>
    public static WebApplicationBuilder AddOperatorTools(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults(ServiceName);
        builder.Services.AddHttpMetrics();
        builder.Services.AddOptions<ClusterReadinessOptions>()
            .BindConfiguration(ClusterReadinessOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// First in the pipeline: request metrics (so they see the status the client got) and the dashboard's own
    /// content security policy (see <see cref="DashboardSecurityHeaders"/>).
    /// </summary>
    public static WebApplication UseOperatorTools(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHttpMetrics();
        app.UseDashboardSecurityHeaders();
        return app;
    }

    /// <summary>Health, <c>/metrics</c> and <c>/dashboard/</c>; all on the management port when one is configured.</summary>
    public static WebApplication MapOperatorTools(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOperatorEndpoints().MapDashboard();
        return app;
    }
}
