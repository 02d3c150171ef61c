using Shop.Silo.Schema;

namespace Shop.Silo.Hosting;

public static class SchemaMigrationExtensions
{
    /// <summary>
    /// Brings the PostgreSQL schema up to date before the silo joins the cluster: membership, storage and reminders
    /// need their tables from the first moment. Safe when several silos start together (the migrator locks).
    /// </summary>
    public static async Task MigrateSchemaAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        // Registered only when PostgreSQL is configured; the embedded default has no schema.
        if (app.Services.GetService<SchemaMigrator>() is { } migrator)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }
}
