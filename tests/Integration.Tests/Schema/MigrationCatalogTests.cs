using Shop.Silo.Schema;
using Shop.Streaming.Postgres;

namespace Shop.Integration.Tests.Schema;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void The_silo_ships_its_migrations_in_numeric_order_starting_at_one()
    {
        var migrations = MigrationCatalog.Load();

        Assert.True(migrations.Count >= 4, $"Expected the four provider migrations, found {migrations.Count}.");
        Assert.Equal(1, migrations[0].Version);
        Assert.Equal(
            migrations.Select(migration => migration.Version).Order(),
            migrations.Select(migration => migration.Version));
        Assert.Equal(
            ["orleans_query", "clustering", "persistence", "reminders"],
            migrations.Take(4).Select(migration => migration.Name));
    }

    [Fact]
    public void The_stream_provider_ships_its_tables_as_the_migrations_databases_already_applied()
    {
        var provider = MigrationCatalog.Load(typeof(PostgresStreamingExtensions).Assembly);

        // The checksums the silo recorded when these files were still its own: a database that applied them must
        // find them unchanged, or the migrator refuses to start.
        Assert.Equal(
            [
                (5, "streams", "9c76de09fea1189acc0216590ef7c4c85dc22bae3b7cb1c5261ec1f878c7403d"),
                (6, "stream_seq_on_lease", "60b6289f048d3d5a010e14035c25ea738afd9e22764cc5156eadffb17d7df667"),
            ],
            provider.Select(migration => (migration.Version, migration.Name, migration.Checksum)));
        Assert.Equal(provider, MigrationCatalog.Load().Where(migration => migration.Version is 5 or 6));
    }

    [Fact]
    public void Each_migration_has_a_checksum_of_its_text()
    {
        var migrations = MigrationCatalog.Load();

        Assert.All(migrations, migration => Assert.Matches("^[0-9a-f]{64}$", migration.Checksum));
        Assert.Equal(migrations.Count, migrations.Select(migration => migration.Checksum).Distinct().Count());
    }
}
