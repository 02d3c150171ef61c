using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Shop.Grains.Storage;
using Shop.Silo.Storage;
using Shop.TestSupport;

namespace Shop.Integration.Tests.AdoNetContract;

/// <summary>
/// Starts a real silo wired exactly as production wires PostgreSQL: ADO.NET clustering, grain storage "store" with
/// the project's JSON serializer, and ADO.NET reminders, all with invariant "Npgsql".
/// </summary>
internal static class TestSilo
{
    public const string Invariant = "Npgsql";

    public static async Task<IHost> StartAsync(string connectionString, string serviceId, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = serviceId;
                cluster.ClusterId = clusterId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next());
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(ShopStorage.Name, options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
                options.GrainStorageSerializer = new JsonGrainStateSerializer();
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>An Orleans client that finds the silo's gateway through the membership table, as WebFront does.</summary>
    public static async Task<IHost> StartClientAsync(string connectionString, string serviceId, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = serviceId;
                cluster.ClusterId = clusterId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();
}
