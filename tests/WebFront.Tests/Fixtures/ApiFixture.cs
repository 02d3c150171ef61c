using Microsoft.Extensions.DependencyInjection;
using Shop.TestSupport;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// The "api" collection's host: the test cluster on memory storage (<see cref="ShopSiloConfigurator"/>), whose silo
/// keeps its e-mails, log lines and stream events for tests to read.
/// </summary>
public sealed class ApiFixture : ApiHost
{
    private ClusterHost? _cluster;

    public ClusterHost Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public override IGrainFactory Grains => Cluster.Cluster.Client;

    public override ShiftableTimeProvider SiloClock => Cluster.SiloServices.GetRequiredService<ShiftableTimeProvider>();

    protected override async Task<IClusterGateway> StartClusterAsync() =>
        _cluster = await ClusterHost.StartAsync<ShopSiloConfigurator>();

    protected override async Task StopClusterAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
