using System.Diagnostics;
using OpenTelemetry;

namespace Shop.ServiceDefaults;

/// <summary>
/// Keeps traces about work someone asked for. Orleans' own background calls (stream pulling timers, pub-sub, the
/// dashboard's counters) and database commands outside any trace (membership, queue polling) would otherwise each
/// start a trace of their own: hundreds a second. A root span from those sources is marked not recorded, so neither
/// it nor anything under it is exported. HTTP requests and application grain calls still start traces.
/// </summary>
internal sealed class BackgroundRootFilter : BaseProcessor<Activity>
{
    private static readonly HashSet<string> BackgroundSources = new(StringComparer.Ordinal)
    {
        "Microsoft.Orleans.Runtime",
        "Npgsql",
    };

    public override void OnStart(Activity data)
    {
        if (data.ParentSpanId == default && BackgroundSources.Contains(data.Source.Name))
        {
            data.IsAllDataRequested = false;
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
