using Orleans.TestingHost;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// A real one-silo test cluster in this process, on TCP so WebFront's own Orleans client reaches it through
/// its production configuration (localhost clustering to the silo's gateway port).
/// </summary>
public sealed class ClusterHost : IClusterGateway, IAsyncDisposable
{
    private ClusterHost(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public int GatewayPort => Cluster.Primary!.GatewayAddress.Endpoint.Port;

    public string ClusterId => Cluster.Options.ClusterId;

    public string ServiceId => Cluster.Options.ServiceId;

    public static async Task<ClusterHost> StartAsync<TSiloConfigurator>()
        where TSiloConfigurator : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<TSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ClusterHost(cluster);
    }

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
