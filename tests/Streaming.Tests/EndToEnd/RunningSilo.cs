using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Streaming.Tests.EndToEnd;

/// <summary>
/// One silo with localhost clustering, memory grain storage, the PostgreSQL provider (short lease and backoff so the
/// tests stay fast) and the test consumer; stopped gracefully on dispose, even when a test fails.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private RunningSilo(IHost host) => Host = host;

    public IHost Host { get; }

    public static async Task<RunningSilo> StartAsync(string connectionString, Action<PostgresStreamOptions>? adjust = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<DeliveryProbe>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "streaming-tests", clusterId: $"e2e-{Guid.NewGuid():N}");
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddPostgresStreams(
                SiloEndToEndTests.Provider,
                options => options.Configure(streams =>
                {
                    streams.ConnectionString = connectionString;
                    streams.QueueCount = 2;
                    streams.LeaseDuration = TimeSpan.FromSeconds(3);
                    streams.RetryBackoff = TimeSpan.FromMilliseconds(300);
                    streams.MaxAttempts = 3;
                    adjust?.Invoke(streams);
                }),
                streams => streams.ConfigurePullingAgent(agent => agent.Configure(pulling =>
                    pulling.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(50))));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new RunningSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
        }
        finally
        {
            Host.Dispose();
        }
    }
}
