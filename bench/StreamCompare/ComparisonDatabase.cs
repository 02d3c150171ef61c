using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shop.Silo.Schema;

namespace Shop.Bench.StreamCompare;

/// <summary>
/// One database per provider and run on the harness' PostgreSQL: the Silo's migrations (ours' tables, and the
/// <c>OrleansQuery</c> table the ADO.NET providers read their statements from), upstream's streaming script for
/// AdoNet (a file the caller names: the package ships no SQL and upstream's script is not copied into this repository),
/// and the consumer's <c>cmp_received</c>. Statement counts are read per database from
/// <c>pg_stat_statements</c>, so the harness' own queries from the <c>postgres</c> database are not counted.
/// </summary>
internal sealed class ComparisonDatabase(string name, string connectionString, NpgsqlDataSource admin) : IAsyncDisposable
{
    private readonly NpgsqlDataSource data = NpgsqlDataSource.Create(connectionString);

    public string ConnectionString { get; } = connectionString;

    public static async Task<ComparisonDatabase> CreateAsync(NpgsqlDataSource admin, string adminConnectionString, ProviderKind kind, string run, string adoNetScript)
    {
        var name = $"cmp_{kind.ToString().ToLowerInvariant()}_{run}";
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        await new SchemaMigrator(connectionString, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var database = new ComparisonDatabase(name, connectionString, admin);
        if (kind == ProviderKind.AdoNet)
        {
            await ExecuteAsync(database.data, await File.ReadAllTextAsync(adoNetScript));
        }

        await ExecuteAsync(database.data, "CREATE TABLE cmp_received (stream int NOT NULL, seq bigint NOT NULL)");
        return database;
    }

    public Task ClearReceivedAsync() => ExecuteAsync(data, "TRUNCATE cmp_received");

    public Task<long> ReceivedRowsAsync() => ScalarAsync(data, "SELECT count(*) FROM cmp_received");

    public Task<long> DistinctReceivedAsync() => ScalarAsync(data, "SELECT count(*) FROM (SELECT DISTINCT stream, seq FROM cmp_received) AS d");

    /// <summary>Acknowledged events (per stream a prefix 0..max) with no row in <c>cmp_received</c>.</summary>
    public async Task<long> MissingAsync(IReadOnlyDictionary<int, long> lastAcked)
    {
        await using var command = data.CreateCommand(
            """
            SELECT coalesce(sum(a.last + 1 - (SELECT count(DISTINCT r.seq) FROM cmp_received r WHERE r.stream = a.stream AND r.seq <= a.last)), 0)
            FROM unnest($1::int[], $2::bigint[]) AS a(stream, last)
            """);
        command.Parameters.AddWithValue(lastAcked.Keys.ToArray());
        command.Parameters.AddWithValue(lastAcked.Values.ToArray());
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Top-level statements run in this database so far (pg_stat_statements, BEGIN/COMMIT included).</summary>
    public async Task<long> StatementsAsync()
    {
        await using var command = admin.CreateCommand(
            "SELECT coalesce(sum(s.calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1");
        command.Parameters.AddWithValue(name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows the provider still holds: ours' <c>stream_messages</c> or AdoNet's messages and dead letters.</summary>
    public Task<long> QueuedAsync(ProviderKind kind) => ScalarAsync(data, kind == ProviderKind.Ours
        ? "SELECT count(*) FROM stream_messages"
        : "SELECT count(*) FROM OrleansStreamMessage");

    public Task<long> DeadLettersAsync(ProviderKind kind) => ScalarAsync(data, kind == ProviderKind.Ours
        ? "SELECT count(*) FROM stream_dead_letters"
        : "SELECT count(*) FROM OrleansStreamDeadLetter");

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => data.DisposeAsync();
}
