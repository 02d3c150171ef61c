using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shop.Silo.Schema;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Schema;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresServer server)
{
    private static readonly int CodeVersion = MigrationCatalog.Load()[^1].Version;

    [Fact]
    public async Task Applying_the_schema_twice_succeeds_and_records_each_migration_once()
    {
        var connectionString = await NewDatabaseAsync();

        await Migrator(connectionString).MigrateAsync(CancellationToken.None);
        await Migrator(connectionString).MigrateAsync(CancellationToken.None);

        await AssertEachMigrationRecordedOnceAsync(connectionString);
    }

    [Fact]
    public async Task Several_migrators_starting_at_the_same_moment_all_succeed_and_record_each_migration_once()
    {
        var connectionString = await NewDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => Migrator(connectionString).MigrateAsync(CancellationToken.None))));

        await AssertEachMigrationRecordedOnceAsync(connectionString);
        var status = await Migrator(connectionString).GetStatusAsync(CancellationToken.None);
        Assert.True(status.IsUpToDate);
    }

    [Fact]
    public async Task Every_migration_script_can_run_again_on_a_schema_that_already_has_it()
    {
        var connectionString = await NewDatabaseAsync();

        foreach (var migration in MigrationCatalog.Load())
        {
            await ExecuteAsync(connectionString, migration.Sql);
            await ExecuteAsync(connectionString, migration.Sql);
        }

        await Migrator(connectionString).MigrateAsync(CancellationToken.None);
        await AssertEachMigrationRecordedOnceAsync(connectionString);
    }

    [Fact]
    public async Task Status_reports_pending_migrations_before_migrating_and_none_after()
    {
        var connectionString = await NewDatabaseAsync();
        var migrator = Migrator(connectionString);

        var before = await migrator.GetStatusAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None);
        var after = await migrator.GetStatusAsync(CancellationToken.None);

        Assert.Equal(new SchemaStatus(0, CodeVersion, MigrationCatalog.Load().Count), before);
        Assert.False(before.IsUpToDate);
        Assert.Equal(new SchemaStatus(CodeVersion, CodeVersion, 0), after);
        Assert.True(after.IsUpToDate);
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_than_the_code_is_refused_with_a_clear_error()
    {
        var connectionString = await NewDatabaseAsync();
        await Migrator(connectionString).MigrateAsync(CancellationToken.None);
        var futureVersion = CodeVersion + 1000;
        await ExecuteAsync(connectionString,
            $"INSERT INTO schema_migrations (version, name, checksum) VALUES ({futureVersion}, 'from_the_future', 'x')");

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => Migrator(connectionString).MigrateAsync(CancellationToken.None));

        Assert.Contains($"version {futureVersion}", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer than this build", error.Message, StringComparison.Ordinal);
        var status = await Migrator(connectionString).GetStatusAsync(CancellationToken.None);
        Assert.True(status.IsNewerThanCode);
        Assert.False(status.IsUpToDate);
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_refused()
    {
        var connectionString = await NewDatabaseAsync();
        await Migrator(connectionString).MigrateAsync(CancellationToken.None);
        await ExecuteAsync(connectionString, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 2");

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => Migrator(connectionString).MigrateAsync(CancellationToken.None));

        Assert.Contains("0002_clustering", error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_gives_a_clear_error_that_names_it_without_the_password()
    {
        const string password = "Very-Secret-Password-42";
        var closedPort = FreePort.Next();
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = closedPort,
            Database = "shop",
            Username = "shop",
            Password = password,
            Timeout = 5,
        }.ConnectionString;

        var migrate = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => Migrator(connectionString).MigrateAsync(CancellationToken.None));
        var status = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => Migrator(connectionString).GetStatusAsync(CancellationToken.None));

        foreach (var error in new[] { migrate, status })
        {
            Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
            Assert.Contains("database 'shop'", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_database_that_does_not_exist_gives_a_clear_error()
    {
        var connectionString = server.ConnectionStringFor("no_such_database");

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => Migrator(connectionString).MigrateAsync(CancellationToken.None));

        Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_database", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_registers_every_statement_the_orleans_providers_load()
    {
        var connectionString = await NewDatabaseAsync();
        await Migrator(connectionString).MigrateAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        string[] required =
        [
            // Clustering
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
            "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
            "CleanupDefunctSiloEntriesKey",
            // Persistence
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            // Reminders
            "UpsertReminderRowKey", "ReadReminderRowKey", "ReadReminderRowsKey", "ReadRangeRows1Key",
            "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        Assert.Empty(required.Except(keys));
    }

    private async Task<string> NewDatabaseAsync() =>
        server.ConnectionStringFor(await server.CreateDatabaseAsync());

    private static SchemaMigrator Migrator(string connectionString) =>
        new(connectionString, NullLogger<SchemaMigrator>.Instance);

    private static async Task AssertEachMigrationRecordedOnceAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version, count(*) OVER (PARTITION BY version) FROM schema_migrations ORDER BY version", connection);
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Assert.Equal(1L, reader.GetInt64(1));
            versions.Add(reader.GetInt32(0));
        }

        Assert.Equal(MigrationCatalog.Load().Select(migration => migration.Version), versions);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
