using Shop.ServiceDefaults;
using Shop.WebFront;

namespace Shop.Silo.Hosting;

public static class CoHostedApiExtensions
{
    /// <summary>
    /// Mounts WebFront's API in this silo unless <c>Api:Enabled</c> is false. Its grain calls use the silo's own grain
    /// factory, its readiness check (a management call) joins the silo's, and its request metrics join the silo's
    /// <c>/metrics</c>: one set of operator endpoints, under the silo's service name.
    /// </summary>
    public static WebApplicationBuilder AddCoHostedApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ApiHostingOptions>().BindConfiguration(ApiHostingOptions.Section).ValidateOnStart();
        if (ServesApi(builder.Configuration))
        {
            builder.AddShopApi();
        }

        return builder;
    }

    /// <summary>The API with its operator endpoints (health, <c>/metrics</c>, dashboard), or the silo's operator endpoints alone.</summary>
    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (ServesApi(app.Configuration))
        {
            app.MapShopApi();
        }
        else
        {
            app.MapOperatorEndpoints();
        }

        return app;
    }

    private static bool ServesApi(IConfiguration configuration) =>
        configuration.GetSection(ApiHostingOptions.Section).Get<ApiHostingOptions>()?.Enabled ?? true;
}
