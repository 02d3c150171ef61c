using System.Diagnostics;
using System.Globalization;
using Shop.Grains.Interfaces.Users;

namespace Shop.Bench.GrainClient;

/// <summary>Other services' path: a fixed number of calls in flight to one active user grain, for a fixed time.</summary>
public static class GrainCalls
{
    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var inflight = arguments.Number("inflight", 64);
        var seconds = arguments.Number("seconds", 10);
        var warmup = arguments.Number("warmup", 2);
        using var host = await Cluster.ConnectAsync(arguments, cancellationToken);
        var user = host.Client().GetGrain<IUserGrain>(arguments.Id("user"));
        if (await user.GetAsync() is null)
        {
            Console.Error.WriteLine("the user does not exist");
            return 1;
        }

        await LoopAsync(user, inflight, TimeSpan.FromSeconds(warmup), cancellationToken);
        var (latencies, elapsed) = await LoopAsync(user, inflight, TimeSpan.FromSeconds(seconds), cancellationToken);
        Result.Print(
            ("calls", latencies.Count), ("inflight", inflight), ("seconds", elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
            ("per_second", Result.Rate(latencies.Count, elapsed)), ("p50_ms", Latencies.Ms(latencies.PercentileMs(50))),
            ("p99_ms", Latencies.Ms(latencies.PercentileMs(99))));
        return 0;
    }

    private static async Task<(Latencies, TimeSpan)> LoopAsync(IUserGrain user, int inflight, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, inflight).Select(async _ =>
        {
            var mine = new Latencies();
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await user.GetAsync();
                mine.Add(Stopwatch.GetTimestamp() - started);
            }

            return mine;
        }));
        var elapsed = clock.Elapsed;
        var all = new Latencies();
        foreach (var l in perWorker)
        {
            all.AddRange(l);
        }

        return (all, elapsed);
    }
}
