using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Shop.Operators.Tests.Tracing;
using Shop.TestSupport;

namespace Shop.Operators.Tests.Fixtures;

/// <summary>
/// The system as an operator meets it: a private PostgreSQL, one silo and WebFront as real processes (built output,
/// production environment), both with their operator endpoints on a separate management port, JSON console logs,
/// and OTLP export to <see cref="Otlp"/>. The silo seeds the operator account from <c>Auth:Operator:*</c>.
/// </summary>
public sealed class OperatorsSystem : IAsyncLifetime
{
    public const string OperatorEmail = "operator@example.com";
    public const string OperatorPassword = "operator-secret-for-tests";

    private readonly PostgresServer _postgres = new();
    private AppProcess? _silo;
    private AppProcess? _webFront;

    public OtlpReceiver Otlp { get; } = new();

    public string ConnectionString { get; private set; } = "";

    public string LogDirectory { get; } = Path.Combine(
        ArtifactDirectory.Path, "logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));

    public int SiloPort { get; } = FreePort.Next();

    public AppProcess Silo => _silo ?? throw new InvalidOperationException("Not started.");

    public AppProcess WebFront => _webFront ?? throw new InvalidOperationException("Not started.");

    /// <summary>The silo's management port: its health and <c>/metrics</c>.</summary>
    public Uri SiloManagement { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    /// <summary>WebFront's management port: health, <c>/metrics</c> and <c>/dashboard/</c>.</summary>
    public Uri WebFrontManagement { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    public static AuthenticationHeaderValue OperatorCredentials { get; } =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OperatorEmail}:{OperatorPassword}")));

    public async Task InitializeAsync()
    {
        await _postgres.StartAsync();
        ConnectionString = _postgres.ConnectionStringFor(await _postgres.CreateDatabaseAsync());
        await Otlp.StartAsync();

        var clusterId = $"ops-{Guid.NewGuid():N}"[..16];
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = "shop-operators-tests",
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Default"] = "Warning",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "60000",
        };

        _silo = AppProcess.Start("Silo", "silo", new Dictionary<string, string>(common)
        {
            ["Orleans__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Management__Port"] = SiloManagement.Port.ToString(CultureInfo.InvariantCulture),
            ["Auth__Operator__Email"] = OperatorEmail,
            ["Auth__Operator__Password"] = OperatorPassword,
            // The standalone layout: WebFront serves the API; CoHostedSystem covers a silo that serves it itself.
            ["Api__Enabled"] = "false",
        }, LogDirectory);
        await Readiness.WaitAsync(Silo, new Uri(SiloManagement, "/health/ready"), TimeSpan.FromSeconds(90));

        _webFront = AppProcess.Start("WebFront", "webfront", new Dictionary<string, string>(common)
        {
            ["Management__Port"] = WebFrontManagement.Port.ToString(CultureInfo.InvariantCulture),
            ["Auth__Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RateLimiting__PermitLimit"] = "100000",
            // Request lines, so a test can find the log line of its own request by trace id.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        }, LogDirectory);
        await Readiness.WaitAsync(WebFront, new Uri(WebFrontManagement, "/health/ready"), TimeSpan.FromSeconds(60));
    }

    /// <summary>An HTTP client for WebFront's public port (the API).</summary>
    public HttpClient CreateApiClient() => new() { BaseAddress = WebFront.HttpBase, Timeout = TimeSpan.FromSeconds(30) };

    public async Task DisposeAsync()
    {
        if (_webFront is not null)
        {
            await _webFront.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await Otlp.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OperatorsCollection : ICollectionFixture<OperatorsSystem>
{
    public const string Name = "operators";
}
