using Shop.Silo.Schema;

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
    public void Each_migration_has_a_checksum_of_its_text()
    {
        var migrations = MigrationCatalog.Load();

        Assert.All(migrations, migration => Assert.Matches("^[0-9a-f]{64}$", migration.Checksum));
        Assert.Equal(migrations.Count, migrations.Select(migration => migration.Checksum).Distinct().Count());
    }
}
