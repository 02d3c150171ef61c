using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Shop.Grains.Email;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Users.SignIn;
using Shop.TestSupport;

namespace Shop.Grains.Tests;

/// <summary>A real two-silo cluster in this process, with in-memory storage.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    // Ended by moving Clock, not by waiting: long enough that no starved machine reaches its end in real time while a
    // test still expects the lock to hold; short enough that moving the shared clock past it leaves the grains alone
    // (collected after 15 idle minutes).
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(2);
    public const int LockoutAfterFailures = 3;
    public const int AccountLockoutAfterFailures = 4;

    /// <summary>Short enough to keep the e-mail tests fast, long enough to observe a mail that is not sent yet.</summary>
    public static readonly TimeSpan WelcomeDelay = TimeSpan.FromMilliseconds(300);

    private InProcessTestCluster? _cluster;

    /// <summary>Every mail the cluster's silos sent (one sender shared by both silos).</summary>
    public RecordingEmailSender Mail { get; } = new();

    /// <summary>Both silos' clock, for a test to move forward instead of waiting (it stays moved for the collection).</summary>
    public ShiftableTimeProvider Clock { get; } = new();

    public IClusterClient Client => _cluster!.Client;

    public InProcessTestCluster Cluster => _cluster!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            // Registered first: the grains' own registration only adds a clock when none is there.
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.AddShopGrainsInMemory();
            silo.Services.AddSingleton<IEmailSender>(Mail);
            silo.Services.Configure<EmailOptions>(o =>
            {
                o.WelcomeDelay = WelcomeDelay;
                o.Resilience.RetryDelay = TimeSpan.FromMilliseconds(20);
                // Senders that fail on purpose must not open the breaker shared by every test of the collection.
                o.Resilience.MinimumThroughput = 1000;
            });
            // These tests are about behaviour, not the work factor; a lighter PBKDF2 keeps them fast on 2 cores.
            silo.Services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 10_000);
            silo.Services.Configure<SignInPolicyOptions>(o =>
            {
                o.SlowDownAfterFailures = 2;
                o.SlowDownStep = TimeSpan.FromMilliseconds(10);
                o.LockoutAfterFailures = LockoutAfterFailures;
                o.AccountLockoutAfterFailures = AccountLockoutAfterFailures;
                o.LockoutDuration = LockoutDuration;
            });
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(ShopStreams.Provider));
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
