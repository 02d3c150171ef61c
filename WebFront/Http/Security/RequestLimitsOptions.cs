using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Http.Security;

/// <summary>Bound from <c>RequestLimits</c>.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>The seed's <c>express.json({ limit: '10mb' })</c>.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Form fields per request; an order with 100 items needs about 300.</summary>
    [Range(1, 100_000)]
    public int MaxFormFields { get; set; } = 1000;

    /// <summary>Deepest JSON nesting accepted; the schemas need 3.</summary>
    [Range(4, 256)]
    public int MaxJsonDepth { get; set; } = 32;
}
