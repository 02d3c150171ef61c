using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Xunit;

namespace Shop.TestSupport;

/// <summary>
/// A private PostgreSQL server for one test run: a fresh cluster made by initdb in a temporary directory, listening
/// on a free loopback port only (trust authentication, so no password exists), stopped and deleted on dispose.
/// Use it as an xunit collection fixture and give each test class its own database with
/// <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private const string Superuser = "postgres";

    private string? rootDirectory;
    private PostgresBinaries? binaries;

    public int Port { get; private set; }

    public bool IsRunning { get; private set; }

    private string DataDirectory => Path.Combine(Root, "data");

    private string LogFile => Path.Combine(Root, "server.log");

    private string Root => rootDirectory ?? throw new InvalidOperationException("The server has not been created yet.");

    public string ConnectionStringFor(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            Timeout = 10,
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    /// <summary>Creates an empty database (named at random unless a name is given) and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"test_{Guid.NewGuid():N}";
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain lower-case database name.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>Creates the cluster on first use, then starts the server and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        if (rootDirectory is null)
        {
            await CreateClusterAsync();
        }

        // The port is kept across restarts so that connection strings handed out earlier stay valid.
        if (Port == 0)
        {
            Port = FreePort.Next();
        }

        // A server time zone far from UTC (+05:30) makes any timestamp that is stored without its offset show up
        // as a wrong time in tests instead of only on the first production server that is not on UTC.
        // Every test class gets its own database, and each in-process silo keeps its own idle pools (Orleans
        // storage, clustering, reminders, stream pulling agents) for minutes after its test ends: the default of 100
        // connections was reached on a slower CI machine. 400 leaves room without hiding a leak that grows per test.
        // Autovacuum is off: its ANALYZE of a table another test filled takes a transaction id at a moment of its
        // choosing, and the write-cost tests count transaction ids (CI once counted 6 commits for an order where 5 are
        // made, after the feed tests had filled order_feed with 50,000 rows).
        // Tests that read plans run ANALYZE themselves.
        var serverOptions = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            "-c autovacuum=off",
            "-c max_connections=400",
            "-c TimeZone=Asia/Kolkata",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            $"-k '{Root}'");
        await ServerProcess.RunAsServiceUserAsync(binaries!.PgCtl, Root, LogFile,
            "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions, "start");
        IsRunning = true;

        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended); data stays for a later start.</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        // Pooled connections to a stopped server are dead; dropping them keeps later tests from tripping on them.
        NpgsqlConnection.ClearAllPools();
        await ServerProcess.RunAsServiceUserAsync(binaries!.PgCtl, Root, LogFile,
            "-D", DataDirectory, "-m", "fast", "-w", "stop");
        IsRunning = false;
    }

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (rootDirectory is not null && Directory.Exists(rootDirectory))
            {
                Directory.Delete(rootDirectory, recursive: true);
            }

            rootDirectory = null;
        }
    }

    private async Task CreateClusterAsync()
    {
        binaries = PostgresBinaries.Find();
        rootDirectory = Directory.CreateTempSubdirectory("shop-pg-").FullName;

        if (ServerProcess.RunningAsRoot)
        {
            await ServerProcess.RunAsync("chown", "-R", $"{ServerProcess.ServiceUser}:", rootDirectory);
        }

        await ServerProcess.RunAsServiceUserAsync(binaries.InitDb, Root,
            "-D", DataDirectory, "--username", Superuser, "--auth", "trust", "--encoding", "UTF8", "--locale", "C");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
