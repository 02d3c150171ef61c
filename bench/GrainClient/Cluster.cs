using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Shop.Bench.GrainClient;

/// <summary>An Orleans client that finds the silos the way other .NET services do: through the ADO.NET membership table.</summary>
public static class Cluster
{
    public static async Task<IHost> ConnectAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var connectionString = arguments.Text("pg");
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = arguments.Text("cluster-id", "shop");
                cluster.ServiceId = arguments.Text("service-id", "shop");
            });
            client.UseAdoNetClustering(ado =>
            {
                ado.Invariant = "Npgsql";
                ado.ConnectionString = connectionString;
            });
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(60));
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    public static IClusterClient Client(this IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
