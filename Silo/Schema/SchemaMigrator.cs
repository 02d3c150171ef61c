using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Shop.Silo.Schema;

/// <summary>
/// Brings a PostgreSQL database to the schema this build carries (see <see cref="MigrationCatalog"/>), keeping a
/// <c>schema_migrations</c> history. Safe to run from every silo at start-up: a session advisory lock lets one
/// instance migrate while the others wait, and each migration commits in its own transaction.
/// </summary>
/// <param name="migrations">
/// What to apply, ordered by version as <see cref="MigrationCatalog.Load()"/> orders it: all of this build's but for a
/// test that needs a database as an older build left it.
/// </param>
public sealed class SchemaMigrator(string connectionString, IReadOnlyList<Migration> migrations, ILogger<SchemaMigrator> logger)
{
    public SchemaMigrator(string connectionString, ILogger<SchemaMigrator> logger)
        : this(connectionString, MigrationCatalog.Load(), logger)
    {
    }

    // Any fixed 64-bit number works as long as every instance uses the same one; this one spells "shopschm".
    private const long AdvisoryLockKey = 0x73686F707363686D;

    private const string CreateHistorySql = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version    integer     NOT NULL,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),

            CONSTRAINT pk_schema_migrations PRIMARY KEY (version)
        );
        """;

    private readonly DatabaseEndpoint endpoint = DatabaseEndpoint.Parse(connectionString);

    /// <summary>The highest migration version this build carries.</summary>
    public int CodeVersion => migrations.Count == 0 ? 0 : migrations[^1].Version;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // The lock belongs to the session: an unpooled connection ends the session (and frees the lock) on dispose,
        // even when this method fails half-way.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = await OpenAsync(builder.ConnectionString, cancellationToken);

        Dictionary<int, AppliedMigration> applied;
        try
        {
            await AcquireLockAsync(connection, cancellationToken);
            await ExecuteAsync(connection, CreateHistorySql, cancellationToken);
            applied = await ReadHistoryAsync(connection, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw Refuse($"Cannot read the schema history of {Describe()}: {RootCause(exception)}", exception);
        }

        Verify(applied);

        var fromVersion = applied.Count == 0 ? 0 : applied.Keys.Max();
        var pending = migrations.Where(migration => !applied.ContainsKey(migration.Version)).ToList();
        if (pending.Count == 0)
        {
            logger.SchemaUpToDate(endpoint.Database, fromVersion);
            return;
        }

        foreach (var migration in pending)
        {
            await ApplyAsync(connection, migration, cancellationToken);
        }

        logger.SchemaMigrated(endpoint.Database, fromVersion, CodeVersion);
    }

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);

        Dictionary<int, AppliedMigration> applied;
        try
        {
            await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return new SchemaStatus(0, CodeVersion, migrations.Count);
            }

            applied = await ReadHistoryAsync(connection, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw Refuse($"Cannot read the schema history of {Describe()}: {RootCause(exception)}", exception);
        }

        var databaseVersion = applied.Count == 0 ? 0 : applied.Keys.Max();
        var pending = migrations.Count(migration => !applied.ContainsKey(migration.Version));
        return new SchemaStatus(databaseVersion, CodeVersion, pending);
    }

    private async Task<NpgsqlConnection> OpenAsync(string connectionStringToUse, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionStringToUse);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw Refuse(
                $"Cannot reach {Describe()}: {RootCause(exception)}. " +
                "Check that the server is running and that ConnectionStrings:Postgres points to it.",
                exception);
        }
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        tryLock.Parameters.AddWithValue("key", AdvisoryLockKey);
        if (await tryLock.ExecuteScalarAsync(cancellationToken) is true)
        {
            return;
        }

        logger.WaitingForSchemaLock(endpoint.Database, endpoint.Host, endpoint.Port);

        // Another instance is migrating; how long that takes is up to the migration, so only the caller's
        // cancellation token bounds the wait.
        await using var waitForLock = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection)
        {
            CommandTimeout = 0,
        };
        waitForLock.Parameters.AddWithValue("key", AdvisoryLockKey);
        await waitForLock.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, AppliedMigration>> ReadHistoryAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var applied = new Dictionary<int, AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var migration = new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
            applied.Add(migration.Version, migration);
        }

        return applied;
    }

    private void Verify(Dictionary<int, AppliedMigration> applied)
    {
        if (applied.Count > 0 && applied.Keys.Max() > CodeVersion)
        {
            var newest = applied[applied.Keys.Max()];
            throw Refuse(
                $"The schema of database '{endpoint.Database}' is at version {newest.Version} ({newest.Name}), " +
                $"newer than this build, which knows migrations up to version {CodeVersion}. " +
                "Run a build that includes that migration; downgrading the schema is not supported.");
        }

        var known = migrations.ToDictionary(migration => migration.Version);
        foreach (var recorded in applied.Values.OrderBy(migration => migration.Version))
        {
            if (!known.TryGetValue(recorded.Version, out var ours))
            {
                throw Refuse(
                    $"Database '{endpoint.Database}' records migration {recorded.Version} ({recorded.Name}), " +
                    "which this build does not contain.");
            }

            if (!string.Equals(recorded.Checksum, ours.Checksum, StringComparison.Ordinal))
            {
                throw Refuse(
                    $"Migration {ours} differs from the one applied to database '{endpoint.Database}' " +
                    $"(checksum {recorded.Checksum} recorded, {ours.Checksum} in this build). Applied migrations " +
                    "must never be edited; add a new migration instead.");
            }
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        logger.ApplyingMigration(migration.Version, migration.Name);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = 0 })
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
                connection,
                transaction))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw Refuse($"Migration {migration} failed and was rolled back: {RootCause(exception)}", exception);
        }

        logger.AppliedMigration(migration.Version, migration.Name, stopwatch.ElapsedMilliseconds);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string Describe() => $"PostgreSQL at {endpoint.Host}:{endpoint.Port}, database '{endpoint.Database}'";

    // Not logged here: the exception carries the whole story and whoever stops the silo logs it once.
    private static SchemaMigrationException Refuse(string reason, Exception? cause = null) =>
        cause is null ? new SchemaMigrationException(reason) : new SchemaMigrationException(reason, cause);

    private static string RootCause(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost is PostgresException postgres ? postgres.MessageText : innermost.Message;
    }

    private sealed record AppliedMigration(int Version, string Name, string Checksum);
}
