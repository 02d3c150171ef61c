using OpenTelemetry.Metrics;

namespace Shop.ServiceDefaults;

/// <summary>
/// Orleans tags its ping counters (<c>Destination</c>) and message-size histograms (<c>silo</c>) with the peer's silo
/// address, generation included. Each restart of a peer is a new address, and an exporter never forgets a series, so
/// every silo kept exporting about a hundred series per dead peer until its own restart. Without the peer tag each
/// host exports its own totals only; which peer misses pings is in the membership log, not worth unbounded series.
/// </summary>
internal static class OrleansPeerTags
{
    private static readonly string[] PingCounters =
    [
        "orleans-messaging-pings-sent",
        "orleans-messaging-pings-received",
        "orleans-messaging-pings-reply-received",
        "orleans-messaging-pings-reply-missed",
    ];

    private static readonly string[] MessageSizeHistograms =
    [
        "orleans-messaging-sent-messages-size",
        "orleans-messaging-received-messages-size",
    ];

    public static MeterProviderBuilder DropOrleansPeerTags(this MeterProviderBuilder metrics)
    {
        foreach (var counter in PingCounters)
        {
            metrics.AddView(counter, new MetricStreamConfiguration { TagKeys = [] });
        }

        foreach (var histogram in MessageSizeHistograms)
        {
            metrics.AddView(histogram, new MetricStreamConfiguration { TagKeys = ["ConnectionDirection", "MessageDirection"] });
        }

        return metrics;
    }
}
