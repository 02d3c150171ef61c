using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Orleans;

/// <summary>How WebFront finds and talks to the cluster; bound from the <c>Orleans</c> section.</summary>
public sealed class OrleansClientOptions
{
    public const string Section = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "shop";

    [Required]
    public string ServiceId { get; set; } = "shop";

    /// <summary>The silo gateway port used by the embedded (localhost) default.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>A grain call without an answer after this long fails, so a request never hangs on a dead silo.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan OpenConnectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the list of live gateways is read from the membership table. Orleans' default (one minute) keeps a
    /// silo declared dead in WebFront's rotation for up to a minute; a frozen one (its sockets still open) then holds
    /// every call sent to it until <see cref="ResponseTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause between attempts to reach the cluster while WebFront starts before any silo.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
