using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.ServiceDefaults;
using Shop.Silo.Hosting;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Persistence;

/// <summary>A silo built exactly as Silo/Program.cs builds it, on a test database, in this process.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSilo(WebApplication app) => _app = app;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _app.Services;

    /// <param name="clock">The silo's clock in place of the system's, for a test that moves it instead of waiting.</param>
    /// <param name="migrateSchema">
    /// False to keep a database's older schema as it is, for a test that writes what an older build wrote.
    /// </param>
    public static async Task<TestSilo> StartAsync(
        string connectionString,
        string clusterId,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        bool migrateSchema = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["urls"] = "http://127.0.0.1:0",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null)
        {
            // Registered first: the silo's own registration only adds a clock when none is there.
            builder.Services.AddSingleton(clock);
        }

        builder.AddServiceDefaults(SiloHostingExtensions.ServiceName);
        builder.AddShopSilo();
        var app = builder.Build();
        if (migrateSchema)
        {
            await app.MigrateSchemaAsync();
        }

        await app.StartAsync();
        return new TestSilo(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
