using System.Globalization;
using System.Security.Cryptography;
using Shop.TestSupport;

namespace Shop.Operators.Tests.Fixtures;

/// <summary>
/// The co-hosted layout, run.sh's default: a private PostgreSQL and one silo as a real process (built output,
/// production environment) that serves the REST API on its own HTTP port, with its operator endpoints (health,
/// <c>/metrics</c>, dashboard) on a management port. No WebFront process and no gateway hop.
/// </summary>
public sealed class CoHostedSystem : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private AppProcess? _silo;

    public string LogDirectory { get; } = Path.Combine(
        ArtifactDirectory.Path, "logs", "cohosted-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));

    public AppProcess Silo => _silo ?? throw new InvalidOperationException("Not started.");

    /// <summary>The silo's management port: health, <c>/metrics</c> and <c>/dashboard/</c>.</summary>
    public Uri Management { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    public async Task InitializeAsync()
    {
        await _postgres.StartAsync();
        var connectionString = _postgres.ConnectionStringFor(await _postgres.CreateDatabaseAsync());
        _silo = AppProcess.Start("Silo", "cohosted-silo", new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Orleans__ClusterId"] = $"cohost-{Guid.NewGuid():N}"[..16],
            ["Orleans__ServiceId"] = "shop-cohosted-tests",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Management__Port"] = Management.Port.ToString(CultureInfo.InvariantCulture),
            ["Auth__Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Auth__Operator__Email"] = OperatorsSystem.OperatorEmail,
            ["Auth__Operator__Password"] = OperatorsSystem.OperatorPassword,
            ["Auth__PasswordHasher__IterationCount"] = "10000",
            ["RateLimiting__PermitLimit"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
            // JSON lines with the grains' own information, so a test can find a request's lines by trace id.
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Shop.Grains"] = "Information",
        }, LogDirectory);
        await Readiness.WaitAsync(Silo, new Uri(Management, "/health/ready"), TimeSpan.FromSeconds(90));
    }

    /// <summary>An HTTP client for the silo's own HTTP port, where the API answers.</summary>
    public HttpClient CreateApiClient() => new() { BaseAddress = Silo.HttpBase, Timeout = TimeSpan.FromSeconds(30) };

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CoHostedCollection : ICollectionFixture<CoHostedSystem>
{
    public const string Name = "co-hosted";
}
