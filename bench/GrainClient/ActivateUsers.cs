using System.Diagnostics;
using System.Globalization;
using Shop.Grains.Interfaces.Users;

namespace Shop.Bench.GrainClient;

/// <summary>Reads each listed user once, so each becomes an activation in the silo (loaded from PostgreSQL).</summary>
public static class ActivateUsers
{
    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var users = BenchUser.ReadAll(arguments.Text("in"), arguments.Number("count", int.MaxValue));
        var concurrency = arguments.Number("concurrency", 128);
        using var host = await Cluster.ConnectAsync(arguments, cancellationToken);
        var client = host.Client();

        var found = 0;
        var missing = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users.Count && !cancellationToken.IsCancellationRequested)
            {
                var view = await client.GetGrain<IUserGrain>(users[i].Id).GetAsync();
                if (view is null)
                {
                    Interlocked.Increment(ref missing);
                }
                else
                {
                    Interlocked.Increment(ref found);
                }
            }
        }));
        clock.Stop();
        Result.Print(
            ("activated", found), ("missing", missing), ("seconds", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
            ("per_second", Result.Rate(found, clock.Elapsed)));
        return missing == 0 ? 0 : 1;
    }
}
