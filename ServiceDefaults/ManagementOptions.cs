using System.ComponentModel.DataAnnotations;

namespace Shop.ServiceDefaults;

/// <summary>Where operator endpoints (<c>/metrics</c>, health, dashboard) answer.</summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>When set, operator endpoints answer only on this port (which the host then also listens on).</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }
}
