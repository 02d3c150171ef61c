namespace Shop.Silo.Hosting;

/// <summary><c>Api:*</c> (silo): whether this silo serves the REST API itself (the co-hosted layout).</summary>
public sealed class ApiHostingOptions
{
    public const string Section = "Api";

    /// <summary>
    /// On by default: the API in the silo calls grains without a gateway hop. Off for the standalone layout, where
    /// WebFront serves it as an Orleans client and the silo keeps only its operator endpoints.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Read before the host is built, because it decides what is registered. A co-hosted API's grain calls use the
    /// silo's own grain factory, its readiness check (a management call) joins the silo's, and its request metrics join
    /// the silo's <c>/metrics</c>: one set of operator endpoints, under the silo's service name.
    /// </summary>
    public static bool ServesApi(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ApiHostingOptions>()?.Enabled ?? true;
}
