using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Shop.Grains;
using Shop.Grains.Users.EmailClaims;
using Shop.Grains.Users.SignIn;

namespace Shop.Grains.Tests;

/// <summary>A real two-silo cluster in this process, with in-memory storage.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan PendingClaimTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromSeconds(1);
    public const int LockoutAfterFailures = 3;

    private InProcessTestCluster? _cluster;

    public IClusterClient Client => _cluster!.Client;

    public InProcessTestCluster Cluster => _cluster!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("store");
            silo.AddShopGrains();
            silo.Services.Configure<EmailClaimOptions>(o => o.PendingClaimTimeout = PendingClaimTimeout);
            silo.Services.Configure<SignInPolicyOptions>(o =>
            {
                o.SlowDownAfterFailures = 2;
                o.SlowDownStep = TimeSpan.FromMilliseconds(10);
                o.LockoutAfterFailures = LockoutAfterFailures;
                o.LockoutDuration = LockoutDuration;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
