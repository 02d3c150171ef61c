using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Shop.Grains.Interfaces.Users;

namespace Shop.Bench.GrainClient;

/// <summary>
/// Signs users up from the .NET client, N at a time, and writes who was created: through the user directory (the path
/// WebFront takes; it allocates the ids), or with <c>--via grain</c> straight to user grains under ids of the bench's own
/// (from <c>--first-id</c>, far above the allocator's), which skips only the directory and the id allocation.
/// </summary>
public static class CreateUsers
{
    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var count = arguments.Number("count");
        var prefix = arguments.Text("prefix");
        var password = arguments.Text("password");
        var concurrency = arguments.Number("concurrency", 64);
        var direct = arguments.Text("via", "directory") == "grain";
        var firstId = long.Parse(arguments.Text("first-id", "30000000000"), CultureInfo.InvariantCulture);
        using var host = await Cluster.ConnectAsync(arguments, cancellationToken);
        var client = host.Client();
        var directory = client.GetGrain<IUserDirectoryGrain>(0);

        var created = new ConcurrentBag<BenchUser>();
        var failures = 0;
        string? firstError = null;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var latencies = new Latencies[concurrency];
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new Latencies();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested)
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}@bench.example");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var command = new CreateUser { Email = email, Password = password, Name = $"Bench {i}" };
                    var user = direct
                        ? await client.GetGrain<IUserGrain>(firstId + i).CreateAsync(command)
                        : await directory.CreateUserAsync(command);
                    mine.Add(Stopwatch.GetTimestamp() - started);
                    created.Add(new BenchUser(user.Id, user.Email, user.CreatedAt.ToUnixTimeMilliseconds()));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
            }
        }));
        clock.Stop();

        await File.WriteAllLinesAsync(arguments.Text("out"), created.OrderBy(u => u.Id).Select(u => u.ToLine()), cancellationToken);
        var all = new Latencies();
        foreach (var l in latencies)
        {
            all.AddRange(l);
        }

        Result.Print(
            ("created", created.Count), ("failed", failures), ("seconds", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
            ("per_second", Result.Rate(created.Count, clock.Elapsed)), ("p50_ms", Latencies.Ms(all.PercentileMs(50))),
            ("p99_ms", Latencies.Ms(all.PercentileMs(99))));
        if (firstError is not null)
        {
            Console.Error.WriteLine($"first failure: {firstError}");
        }

        return created.Count == count ? 0 : 1;
    }
}
