using Shop.ServiceDefaults;
using Shop.WebFront.Metrics;

namespace Shop.WebFront.Operators;

public static class OperatorToolsExtensions
{
    /// <summary>The standalone WebFront's service name in telemetry; a silo that serves the API reports as the silo.</summary>
    public const string ServiceName = "shop-webfront";

    /// <summary>
    /// The seed's request metrics, and readiness meaning "the cluster answers" (a management call: in a silo it is
    /// answered in-process). Telemetry, logs and the process check come with the host's service defaults.
    /// </summary>
    public static WebApplicationBuilder AddOperatorTools(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpMetrics();
        builder.Services.AddValidatedOptions<ClusterReadinessOptions>(ClusterReadinessOptions.Section);
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
}
