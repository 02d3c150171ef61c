namespace Shop.Silo.Schema;

internal static partial class SchemaMigratorLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Waiting for another instance to finish migrating the schema of {Database} on {Host}:{Port}")]
    public static partial void WaitingForSchemaLock(this ILogger logger, string database, string host, int port);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Applying schema migration {Version} ({MigrationName})")]
    public static partial void ApplyingMigration(this ILogger logger, int version, string migrationName);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Applied schema migration {Version} ({MigrationName}) in {ElapsedMilliseconds} ms")]
    public static partial void AppliedMigration(this ILogger logger, int version, string migrationName,
        long elapsedMilliseconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "Schema of {Database} migrated from version {FromVersion} to {ToVersion}")]
    public static partial void SchemaMigrated(this ILogger logger, string database, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information,
        Message = "Schema of {Database} is up to date at version {Version}")]
    public static partial void SchemaUpToDate(this ILogger logger, string database, int version);
}
