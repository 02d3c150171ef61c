namespace Shop.WebFront.Http.Security;

/// <summary>
/// Bound from <c>ForwardedHeaders</c>. <c>X-Forwarded-For</c> is believed only from these peers, so a client
/// cannot pick its own IP for the rate limiter. Empty (the default) means the TCP peer is the client.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses such as <c>10.0.0.5</c>.</summary>
    public IReadOnlyList<string> TrustedProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation such as <c>10.0.0.0/24</c>.</summary>
    public IReadOnlyList<string> TrustedNetworks { get; set; } = [];
}
