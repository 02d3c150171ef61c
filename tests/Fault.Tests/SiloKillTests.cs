using System.Collections.Concurrent;
using System.Diagnostics;
using Shop.Grains.Interfaces.Users;
using Xunit.Abstractions;

namespace Shop.Fault.Tests;

/// <summary>A silo killed with SIGKILL under load loses no acknowledged write, and the cluster heals by itself.</summary>
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private sealed record Acknowledged(long UserId, string Name, long Version);

    [Fact]
    public async Task Killing_a_silo_mid_load_loses_no_acknowledged_write()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 3);
        var directory = cluster.Client.GetGrain<IUserDirectoryGrain>(0);

        // Each worker owns its users, so "the last acknowledged name" of a user is well defined.
        const int workers = 6;
        var acknowledged = new ConcurrentDictionary<long, Acknowledged>();
        var failures = new ConcurrentDictionary<long, DateTime>();
        var recoveries = new ConcurrentBag<TimeSpan>();
        var requests = 0;
        var errors = 0;
        DateTime? killedAt = null;
        using var stop = new CancellationTokenSource();

        async Task WorkerAsync(int worker)
        {
            var mine = new List<long>();
            var random = new Random(worker);
            long? retry = null;
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref requests);
                // A failed update is retried on the same user until it succeeds: that measures its outage.
                var target = retry ?? (mine.Count > 0 && random.Next(3) > 0 ? mine[random.Next(mine.Count)] : null);
                retry = null;
                try
                {
                    if (target is { } id)
                    {
                        var name = $"w{worker}-{Guid.NewGuid():N}";
                        var updated = await cluster.Client.GetGrain<IUserGrain>(id).UpdateAsync(new UpdateUser { Name = name });
                        acknowledged[id] = new Acknowledged(id, updated.Name!, updated.Version);
                    }
                    else
                    {
                        var created = await directory.CreateUserAsync(new CreateUser
                        {
                            Email = $"load-{Guid.NewGuid():N}@example.com",
                            Password = "correct horse",
                            Name = $"w{worker}-created",
                        });
                        mine.Add(created.Id);
                        acknowledged[created.Id] = new Acknowledged(created.Id, created.Name!, created.Version);
                        target = created.Id;
                    }

                    if (target is { } done && failures.TryRemove(done, out var failedAt) && killedAt is { } kill)
                    {
                        recoveries.Add(DateTime.UtcNow - kill);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    if (target is { } failed)
                    {
                        failures.TryAdd(failed, DateTime.UtcNow);
                        retry = failed;
                    }

                    await Task.Delay(50);
                }
            }
        }

        var load = Enumerable.Range(0, workers).Select(WorkerAsync).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(4));
        var victim = cluster.Silos[1];
        killedAt = DateTime.UtcNow;
        victim.Kill();
        await Task.Delay(TimeSpan.FromSeconds(25));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // Every acknowledged value is what a fresh read returns.
        var lost = 0;
        foreach (var ack in acknowledged.Values)
        {
            var user = await cluster.Client.GetGrain<IUserGrain>(ack.UserId).GetAsync();
            if (user is null || user.Name != ack.Name || user.Version != ack.Version)
            {
                lost++;
            }
        }

        var outage = recoveries.IsEmpty ? TimeSpan.Zero : recoveries.Max();
        output.WriteLine($"requests={requests} errors={errors} acknowledged={acknowledged.Count} lost={lost} " +
                         $"outage_seconds={outage.TotalSeconds:F1} unrecovered={failures.Count}");

        // A restarted silo rejoins and takes new activations.
        var sw = Stopwatch.StartNew();
        var rejoined = await cluster.StartSiloAsync();
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var created = new List<UserView>();
        foreach (var batch in Enumerable.Range(0, 60).Chunk(10))
        {
            created.AddRange(await Task.WhenAll(batch.Select(_ => directory.CreateUserAsync(new CreateUser
            {
                Email = $"after-{Guid.NewGuid():N}@example.com",
                Password = "correct horse",
            }))));
        }

        var stats = await management.GetSimpleGrainStatistics();
        var onRejoined = stats.Where(s => s.SiloAddress.Endpoint.Port == cluster.SiloPortOf(rejoined)).Sum(s => s.ActivationCount);
        output.WriteLine($"rejoin_seconds={sw.Elapsed.TotalSeconds:F1} active_silos={hosts.Count} activations_on_rejoined={onRejoined}");

        Assert.Equal(0, lost);
        Assert.True(acknowledged.Count > 50, $"only {acknowledged.Count} acknowledged writes: the load did not run");
        Assert.Empty(failures);
        Assert.Equal(3, hosts.Count);
        Assert.True(onRejoined > 0, "the restarted silo took no activations");
        Assert.Equal(60, created.Select(u => u.Id).Distinct().Count());
    }
}
