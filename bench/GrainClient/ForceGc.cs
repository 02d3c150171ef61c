using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Shop.Bench.GrainClient;

/// <summary>
/// Makes another .NET process run a full, blocking GC, the way dotnet-gcdump does: an EventPipe session that enables
/// the runtime's GCHeapCollect keyword. Afterwards the process's "last collection" heap gauges show its live heap.
/// </summary>
public static class ForceGc
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var client = new DiagnosticsClient(arguments.Number("pid"));
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword),
        };
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var copy = session.EventStream.CopyToAsync(Stream.Null, drain.Token);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await session.StopAsync(cancellationToken);
        try
        {
            await copy;
        }
        catch (OperationCanceledException)
        {
            // The stream ends with the session; a cancelled copy is the same outcome.
        }

        Result.Print(("forced_gc", 1));
        return 0;
    }
}
