namespace Shop.WebFront.Metrics;

public static class HttpMetricsExtensions
{
    public static IServiceCollection AddHttpMetrics(this IServiceCollection services)
    {
        services.AddSingleton<HttpMetrics>();
        return services;
    }

    /// <summary>First in the pipeline, so that the status code it records is the one the client got.</summary>
    public static IApplicationBuilder UseHttpMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<HttpMetricsMiddleware>();
}
