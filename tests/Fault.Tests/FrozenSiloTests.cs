using System.Diagnostics;
using Xunit.Abstractions;

namespace Shop.Fault.Tests;

/// <summary>
/// A silo frozen with SIGSTOP (a paused VM, a stalled process) keeps its sockets open, so nothing fails fast: the
/// cluster must notice by its probes alone, declare it dead and move its grains, while writes go on elsewhere.
/// </summary>
public sealed class FrozenSiloTests(ITestOutputHelper output)
{
    private const string Password = "correct horse battery";

    /// <summary>About 10 s by default (three missed probes of 2 s, then the vote), with room for a slow machine.</summary>
    private static readonly TimeSpan EvictionBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_frozen_silo_is_declared_dead_by_default_failure_detection_and_writes_resume_without_it()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 3);
        var webFront = await cluster.StartWebFrontAsync();
        using var api = new ShopHttpClient(webFront.HttpBase);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);

        var lastSuccess = DateTime.UtcNow;
        var longestGap = TimeSpan.Zero;
        var writes = 0;
        var failures = 0;
        using var stop = new CancellationTokenSource();
        async Task WriteLoadAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await api.CreateUserAsync($"frozen-{Guid.NewGuid():N}@example.com", Password, "Ann");
                    var now = DateTime.UtcNow;
                    lock (output)
                    {
                        longestGap = now - lastSuccess > longestGap ? now - lastSuccess : longestGap;
                        lastSuccess = now;
                        writes++;
                    }
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }

        var load = Enumerable.Range(0, 4).Select(_ => WriteLoadAsync()).ToArray();
        var warmUp = Stopwatch.StartNew();
        while (Volatile.Read(ref writes) < 10)
        {
            Assert.True(warmUp.Elapsed < TimeSpan.FromSeconds(60), $"only {writes} writes succeeded before the freeze");
            await Task.Delay(100);
        }

        var frozen = cluster.Silos[1];
        lock (output)
        {
            longestGap = TimeSpan.Zero;
        }

        await frozen.FreezeAsync();
        var watch = Stopwatch.StartNew();
        TimeSpan? evictedAfter = null;
        while (watch.Elapsed < EvictionBound && evictedAfter is null)
        {
            try
            {
                var active = await management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(2));
                if (active.Count == 2)
                {
                    evictedAfter = watch.Elapsed;
                }
            }
            catch (TimeoutException)
            {
                // The call went through the frozen silo; ask again.
            }

            await Task.Delay(250);
        }

        // Writes resume after the eviction (WebFront drops the dead gateway at its next gateway-list refresh, 5 s):
        // wait for ten more successes, bounded, then stop the load.
        var writesAtEviction = Volatile.Read(ref writes);
        var resumeWatch = Stopwatch.StartNew();
        while (Volatile.Read(ref writes) < writesAtEviction + 10 && resumeWatch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        var resumedAfter = resumeWatch.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(load);
        await frozen.ThawAsync();

        output.WriteLine($"evicted_after_seconds={evictedAfter?.TotalSeconds:F1} longest_gap_without_a_write_seconds={longestGap.TotalSeconds:F1} " +
                         $"writes={writes} failed_writes={failures} ten_writes_after_eviction_within_seconds={resumedAfter.TotalSeconds:F1}");
        Assert.NotNull(evictedAfter);
        Assert.True(writes >= writesAtEviction + 10, $"writes did not resume after the frozen silo was evicted ({writes - writesAtEviction} in {resumedAfter.TotalSeconds:F0} s)");
        // Detection, then WebFront's next gateway-list refresh, then the calls already waiting on the frozen gateway time out.
        Assert.True(longestGap <= TimeSpan.FromSeconds(35), $"writes stalled for {longestGap.TotalSeconds:F1} s");
    }
}
