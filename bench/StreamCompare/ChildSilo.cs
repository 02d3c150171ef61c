using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;
using Shop.Streaming.Postgres;

namespace Shop.Bench.StreamCompare;

/// <summary>
/// The silo the harness runs as a child process (so that it can be killed for real): one provider, the consumer grain,
/// and a producer that writes <c>events</c> events over <c>streams</c> streams, each stream in order. Every
/// acknowledged produce is appended to the ack file at once (a write(2) per event: the kernel keeps it through a
/// SIGKILL of this process), which is what "lost" is counted against.
/// </summary>
internal static class ChildSilo
{
    public static async Task<int> RunAsync(string[] args)
    {
        var kind = Enum.Parse<ProviderKind>(args[0], ignoreCase: true);
        var connectionString = args[1];
        var siloPort = int.Parse(args[2], CultureInfo.InvariantCulture);
        var gatewayPort = int.Parse(args[3], CultureInfo.InvariantCulture);
        var events = int.Parse(args[4], CultureInfo.InvariantCulture);
        var streams = int.Parse(args[5], CultureInfo.InvariantCulture);
        var ackFile = args[6];

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = "compare";
                cluster.ServiceId = "compare";
            });
            AddProvider(silo, kind, connectionString);
        });

        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine("READY");
        if (events > 0)
        {
            var watch = Stopwatch.StartNew();
            Console.WriteLine("PRODUCING");
            await ProduceAsync(host.Services.GetRequiredService<IClusterClient>(), events, streams, ackFile);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PRODUCED {events} {watch.Elapsed.TotalSeconds:F3}"));
        }

        // Runs until the harness stops it (SIGTERM: a graceful stop) or kills it.
        await host.WaitForShutdownAsync();
        return 0;
    }

    private static void AddProvider(ISiloBuilder silo, ProviderKind kind, string connectionString)
    {
        // Both on 8 queues (ours' default; AdoNet's default is 1) and implicit subscriptions only, as the Silo runs ours.
        const int queues = 8;
        if (kind == ProviderKind.Ours)
        {
            silo.AddPostgresStreams(Streams.Provider,
                options => options.Configure(streams =>
                {
                    streams.ConnectionString = connectionString;
                    streams.QueueCount = queues;
                }),
                streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
            return;
        }

        silo.AddAdoNetStreams(Streams.Provider, streams =>
        {
            streams.ConfigureAdoNet(options => options.Configure(adoNet =>
            {
                adoNet.Invariant = "Npgsql";
                adoNet.ConnectionString = connectionString;
            }));
            streams.ConfigurePartitioning(queues);
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
    }

    private static async Task ProduceAsync(IClusterClient client, int events, int streams, string ackFile)
    {
        var provider = client.GetStreamProvider(Streams.Provider);
        await using var acks = new StreamWriter(ackFile, append: true);
        var gate = new SemaphoreSlim(1);
        var perStream = events / streams;
        await Task.WhenAll(Enumerable.Range(0, streams).Select(async index =>
        {
            var stream = provider.GetStream<CompareEvent>(StreamId.Create(Streams.Namespace, Streams.Key(index)));
            for (var sequence = 0L; sequence < perStream; sequence++)
            {
                await stream.OnNextAsync(new CompareEvent(index, sequence));
                await gate.WaitAsync();
                try
                {
                    await acks.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{index} {sequence}"));
                    await acks.FlushAsync();
                }
                finally
                {
                    gate.Release();
                }
            }
        }));
    }
}
