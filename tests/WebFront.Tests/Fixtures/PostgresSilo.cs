extern alias silo;

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.ServiceDefaults;
using Shop.TestSupport;
using silo::Shop.Silo.Hosting;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// The production silo (<c>AddShopSilo</c> with <c>ConnectionStrings:Postgres</c>, the schema migrated before it
/// starts, as <c>Silo/Program.cs</c> runs it) on a fresh database, configured only through its documented settings.
/// Its co-hosted API is off: the tests' WebFront reaches it through its gateway, as a separately deployed WebFront does.
/// </summary>
public sealed class PostgresSilo : IClusterGateway, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _dataDirectory;

    private PostgresSilo(WebApplication app, DirectoryInfo dataDirectory, string connectionString)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        ConnectionString = connectionString;
    }

    /// <summary>The silo's database, for a test to see what the API stored.</summary>
    public string ConnectionString { get; }

    public int GatewayPort => Hosting.GatewayPort;

    public string ClusterId => Hosting.ClusterId;

    public string ServiceId => Hosting.ServiceId;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's clock, for a test to move forward instead of waiting.</summary>
    public ShiftableTimeProvider Clock => _app.Services.GetRequiredService<ShiftableTimeProvider>();

    private ClusterHostingOptions Hosting => _app.Services.GetRequiredService<IOptions<ClusterHostingOptions>>().Value;

    public static async Task<PostgresSilo> StartAsync(PostgresServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var connectionString = server.ConnectionStringFor(await server.CreateDatabaseAsync());
        // The pickup folder of the e-mails the silo sends for sign-ups, deleted with the silo.
        var dataDirectory = Directory.CreateTempSubdirectory("shop-silo-");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Orleans:ClusterId"] = $"api-{Guid.NewGuid():N}",
            ["Orleans:ServiceId"] = "webfront-tests",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            // Kestrel starts with the silo even with nothing mapped: any free port, not the default 5000.
            ["Urls"] = "http://127.0.0.1:0",
            ["Api:Enabled"] = "false",
            ["Silo:DataDirectory"] = dataDirectory.FullName,
            ["Logging:LogLevel:Default"] = "Warning",
            // The memory silo's sign-in policy (ShopSiloConfigurator), so LockoutTests can move the clock past a lockout.
            ["Auth:SignIn:LockoutDuration"] = ShopSiloConfigurator.LockoutDuration.ToString("c", CultureInfo.InvariantCulture),
            ["Auth:SignIn:SlowDownStep"] = ShopSiloConfigurator.SlowDownStep.ToString("c", CultureInfo.InvariantCulture),
        });
        // Registered first: the silo's own registration only adds a clock when none is there.
        builder.Services.AddSingleton<ShiftableTimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ShiftableTimeProvider>());
        builder.AddServiceDefaults(SiloHostingExtensions.ServiceName);
        builder.AddShopSilo();
        var app = builder.Build();
        try
        {
            await app.MigrateSchemaAsync();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            dataDirectory.Delete(recursive: true);
            throw;
        }

        return new PostgresSilo(app, dataDirectory, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            _dataDirectory.Delete(recursive: true);
        }
    }
}
