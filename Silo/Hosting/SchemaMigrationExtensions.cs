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
        var connectionString = app.Configuration.GetConnectionString(SiloHostingExtensions.PostgresConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var migrator = new SchemaMigrator(connectionString, app.Services.GetRequiredService<ILogger<SchemaMigrator>>());
        await migrator.MigrateAsync(cancellationToken);
    }
}
