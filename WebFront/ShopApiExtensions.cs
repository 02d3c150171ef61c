using Shop.ServiceDefaults;
using Shop.WebFront.Auth;
using Shop.WebFront.Endpoints;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Security;
using Shop.WebFront.OpenApi;
using Shop.WebFront.Operators;
using Shop.WebFront.Orleans;

namespace Shop.WebFront;

/// <summary>
/// The REST API as one piece that either host mounts: the standalone WebFront (an Orleans client) and a silo that
/// serves it in-process. The host brings what differs: the service defaults (telemetry, logs, the process health
/// check, the management port) under its own service name, and where grains come from (<c>AddOrleansClient</c> on
/// WebFront; the silo's own <see cref="IGrainFactory"/>, without a gateway hop, in a silo).
/// </summary>
public static class ShopApiExtensions
{
    /// <summary>Endpoints' services, auth, error mapping, security headers, rate limits, OpenAPI and operator tools.</summary>
    public static WebApplicationBuilder AddShopApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<ClusterCallOptions>(ClusterCallOptions.Section);
        builder.Services.AddSingleton<ClusterCalls>();
        builder.AddOperatorTools();
        builder.AddApiSecurity();
        builder.AddApiAuthentication();
        builder.AddApiConventions();
        builder.AddApiDocs();
        return builder;
    }

    /// <summary>
    /// The middleware in order, then the API's endpoints: its docs and resources. The host maps the operator endpoints
    /// (health, <c>/metrics</c> and <c>/dashboard/</c>) itself, in its Program.cs.
    /// </summary>
    public static WebApplication MapShopApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseOperatorTools();
        app.UseApiPipeline();
        app.UseApiAuthentication();
        app.MapApiDocs();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapOrdersApi();
        app.MapAdminApi();
        return app;
    }
}
