using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Shop.TestSupport;

namespace Shop.Fault.Tests;

/// <summary>
/// PostgreSQL plus silos as real processes on loopback, and an Orleans client in this process. Membership timings are
/// shortened so a killed silo is declared dead in seconds rather than the production default.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly PostgresServer _postgres = new();
    private readonly List<AppProcess> _silos = [];
    private readonly ConcurrentDictionary<AppProcess, int> _siloPorts = new();
    private readonly List<AppProcess> _others = [];
    private readonly string _clusterId = $"fault-{Guid.NewGuid():N}"[..20];
    private IHost? _client;
    private int _siloCount;

    public string ConnectionString { get; private set; } = "";

    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "shop-fault-tests", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    public IReadOnlyList<AppProcess> Silos => _silos;

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public static async Task<ProcessCluster> StartAsync(int silos, IReadOnlyDictionary<string, string>? siloSettings = null)
    {
        var cluster = new ProcessCluster();
        try
        {
            await cluster._postgres.StartAsync();
            cluster.ConnectionString = cluster._postgres.ConnectionStringFor(await cluster._postgres.CreateDatabaseAsync());
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.StartSiloAsync(siloSettings)));
            await cluster.StartClientAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public IReadOnlyDictionary<string, string> SiloEnvironment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Orleans__ClusterId"] = _clusterId,
            ["Orleans__ServiceId"] = "shop-fault",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            // Failure detection is the silo's default (three missed probes of 2 s); one vote suffices, so a lone
            // survivor of two silos can declare the other's death.
            ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
            ["Auth__PasswordHasher__IterationCount"] = "10000",
            // The standalone layout: WebFront (StartWebFrontAsync) serves the API, the silos only grains.
            ["Api__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    public async Task<AppProcess> StartSiloAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var name = $"silo-{Interlocked.Increment(ref _siloCount)}";
        var environment = SiloEnvironment(settings);
        var silo = AppProcess.Start("Silo", name, environment, LogDirectory);
        _siloPorts[silo] = int.Parse(environment["Orleans__SiloPort"], CultureInfo.InvariantCulture);
        lock (_silos)
        {
            _silos.Add(silo);
        }

        await silo.WaitUntilHealthyAsync("/health/ready", TimeSpan.FromSeconds(90));
        return silo;
    }

    public int SiloPortOf(AppProcess silo) => _siloPorts[silo];

    /// <summary>Stops the cluster's PostgreSQL (fast shutdown: open connections are cut), leaving every process up.</summary>
    public Task StopPostgresAsync() => _postgres.StopAsync();

    /// <summary>Starts it again on the same port and data.</summary>
    public Task StartPostgresAsync() => _postgres.StartAsync();

    /// <summary>
    /// Settings that make silos serve the API themselves (the co-hosted layout), all with one signing key so a token
    /// issued by one silo is accepted by the others.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CoHostedApi { get; } = new Dictionary<string, string>
    {
        ["Api__Enabled"] = "true",
        ["Auth__Jwt__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
        ["RateLimiting__Enabled"] = "false",
        ["Auth__RateLimit__Enabled"] = "false",
    };

    /// <summary>
    /// The Gateway (YARP) as a process in front of the co-hosted silos started so far: the one entry URL, with its
    /// production health checks (active on /health/ready, passive on transport failures).
    /// </summary>
    public async Task<AppProcess> StartGatewayAsync()
    {
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };
        foreach (var (silo, index) in _silos.Select((silo, index) => (silo, index)))
        {
            environment[$"ReverseProxy__Clusters__silos__Destinations__silo{index + 1}__Address"] = silo.HttpBase.ToString().TrimEnd('/');
        }

        var gateway = AppProcess.Start("Gateway", "gateway", environment, LogDirectory);
        _others.Add(gateway);
        await gateway.WaitUntilHealthyAsync("/health/ready", TimeSpan.FromSeconds(90));
        return gateway;
    }

    /// <summary>WebFront as a process, connected to every gateway through the membership table.</summary>
    public async Task<AppProcess> StartWebFrontAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Orleans__ClusterId"] = _clusterId,
            ["Orleans__ServiceId"] = "shop-fault",
            ["Orleans__ResponseTimeout"] = "00:00:05",
            ["RateLimiting__Enabled"] = "false",
            ["Auth__RateLimit__Enabled"] = "false",
            ["Auth__Jwt__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var webFront = AppProcess.Start("WebFront", "webfront", environment, LogDirectory);
        _others.Add(webFront);
        await webFront.WaitUntilHealthyAsync("/health/ready", TimeSpan.FromSeconds(90));
        return webFront;
    }

    private async Task StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _clusterId;
                o.ServiceId = "shop-fault";
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = ConnectionString;
            });
        });
        _client = builder.Build();
        await _client.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        await Task.WhenAll(_others.Concat(_silos).Select(s => s.DisposeAsync().AsTask()));
        await _postgres.DisposeAsync();
    }
}
