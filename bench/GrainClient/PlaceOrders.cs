using System.Diagnostics;
using System.Globalization;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Bench.GrainClient;

/// <summary>
/// Places orders from the .NET client for a fixed time, N in flight, rotating over users, through the order directory
/// (the path WebFront takes; an order is stored by its user's grain, which only the directory reaches).
/// </summary>
public static class PlaceOrders
{
    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var users = BenchUser.ReadAll(arguments.Text("in"), arguments.Number("users", 1000));
        var inflight = arguments.Number("inflight", 64);
        var duration = TimeSpan.FromSeconds(arguments.Number("seconds", 10));
        using var host = await Cluster.ConnectAsync(arguments, cancellationToken);
        var directory = host.Client().GetGrain<IOrderDirectoryGrain>(0);

        var failures = 0;
        string? firstError = null;
        var sequence = -1;
        var clock = Stopwatch.StartNew();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, inflight).Select(async worker =>
        {
            var mine = new Latencies();
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var user = users[(int)((uint)Interlocked.Increment(ref sequence) % users.Count)];
                var command = new PlaceOrder
                {
                    UserId = user.Id,
                    Currency = "EUR",
                    Items = [new OrderItem { Sku = "SKU-7", Quantity = 2, UnitPrice = 19.99m }, new OrderItem { Sku = "SKU-3", Quantity = 1, UnitPrice = 5.5m }],
                };
                var started = Stopwatch.GetTimestamp();
                try
                {
                    _ = await directory.PlaceOrderAsync(command);
                    mine.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
            }

            return mine;
        }));
        var elapsed = clock.Elapsed;
        var all = new Latencies();
        foreach (var l in perWorker)
        {
            all.AddRange(l);
        }

        Result.Print(
            ("orders", all.Count), ("failed", failures), ("via", "directory"),
            ("seconds", elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)), ("per_second", Result.Rate(all.Count, elapsed)),
            ("p50_ms", Latencies.Ms(all.PercentileMs(50))), ("p99_ms", Latencies.Ms(all.PercentileMs(99))));
        if (firstError is not null)
        {
            Console.Error.WriteLine($"first failure: {firstError}");
        }

        return failures == 0 ? 0 : 1;
    }
}
