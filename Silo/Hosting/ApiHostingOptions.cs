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
}
