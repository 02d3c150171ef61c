using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Shop.Grains.Email;
using Shop.ServiceDefaults;
using Shop.Silo.Hosting;
using Shop.TestSupport;
using Shop.WebFront;
using Shop.WebFront.Operators;

namespace Shop.Email.Tests;

/// <summary>
/// The real silo (its service defaults, <c>AddShopSilo</c> and the co-hosted API, as <c>Silo/Program.cs</c> runs it)
/// on a test database, configured only through its documented settings, optionally with a test
/// <see cref="IEmailSender"/> in place of the configured one.
/// </summary>
public sealed class ShopSilo : IAsyncDisposable
{
    /// <summary><c>Streams:Jobs:LeaseDuration</c>: how long a stopped silo's messages wait before another takes them.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a test keeps watching for a late duplicate once what it waited for has happened: the latest a
    /// duplicate can come is a message whose acknowledgement was lost, delivered again when its lease runs out.
    /// </summary>
    public static readonly TimeSpan DuplicateWatch = LeaseDuration + TimeSpan.FromSeconds(1);

    private readonly WebApplication app;
    private bool stopped;

    private readonly string connectionString;

    private ShopSilo(WebApplication app, string database, string connectionString, Uri http)
    {
        this.app = app;
        this.connectionString = connectionString;
        Database = database;
        Http = http;
    }

    /// <summary>The silo's database: pass it to the next silo to restart on the same data.</summary>
    public string Database { get; }

    /// <summary>Where the silo serves the REST API.</summary>
    public Uri Http { get; }

    public IServiceProvider Services => app.Services;

    public IClusterClient Client => app.Services.GetRequiredService<IClusterClient>();

    public static async Task<ShopSilo> StartAsync(
        PostgresServer server, IReadOnlyDictionary<string, string?> settings, IEmailSender? sender = null, string? database = null)
    {
        database ??= await server.CreateDatabaseAsync();
        var http = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = server.ConnectionStringFor(database),
            ["Orleans:ClusterId"] = $"email-{Guid.NewGuid():N}",
            ["Orleans:ServiceId"] = "email-tests",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Urls"] = http.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Streams:Jobs:QueueCount"] = "2",
            ["Streams:Jobs:LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
            // Production refuses to start the API without a signing key; the default hashing cost only slows sign-ins.
            ["Auth:Jwt:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Auth:PasswordHasher:IterationCount"] = "10000",
            // Tests poll the API for what the queue did; the per-client limit would answer them 429.
            ["RateLimiting:PermitLimit"] = "100000",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(SiloHostingExtensions.ServiceName);
        builder.AddShopSilo();
        builder.AddShopApi();
        if (sender is not null)
        {
            builder.Services.AddSingleton(sender);
        }

        var app = builder.Build();
        app.MapOperatorEndpoints().MapDashboard();
        app.MapShopApi();
        try
        {
            await app.MigrateSchemaAsync();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ShopSilo(app, database, server.ConnectionStringFor(database), http);
    }

    /// <summary>Rows in one of the silo's tables, e.g. <c>stream_messages</c>: 0 when the job queue is empty.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Stops the silo the way a crash would, as far as one process allows: an already cancelled stop makes Orleans
    /// shut down ungracefully (no deactivations, no hand-over of queues, leases left to run out), and nothing of what
    /// the silo was running (a grain call, a send) is waited for. A real SIGKILL is tested in <c>tests/Fault.Tests</c>.
    /// </summary>
    public async Task KillAsync()
    {
        stopped = true;
        try
        {
            await app.StopAsync(new CancellationToken(canceled: true));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        try
        {
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
