using System.ComponentModel.DataAnnotations;

namespace Shop.Silo.Hosting;

/// <summary>The documented <c>Orleans:*</c> settings of a silo.</summary>
public sealed class ClusterHostingOptions
{
    public const string Section = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "shop";

    [Required]
    public string ServiceId { get; set; } = "shop";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients use to reach this one: an IP, <c>auto</c> (this host's first IPv4 address,
    /// for containers) or unset (loopback).
    /// </summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>
    /// Whether the silo and gateway ports listen on every interface instead of only the advertised address. Off by
    /// default: whoever reaches these ports can call any grain as anyone, so they are opened wider only on purpose.
    /// </summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>How long a grain may sit idle in memory before it is deactivated.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan GrainCollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}
