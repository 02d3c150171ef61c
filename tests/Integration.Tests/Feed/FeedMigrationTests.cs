using Npgsql;
using Shop.Integration.Tests.AdoNetContract;
using Shop.Silo.Schema;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>Migration 0011 on a database that already has consumer groups of one row each, as 0008 made them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedMigrationTests(PostgresServer postgres)
{
    [Fact]
    public async Task An_existing_group_is_split_in_place_with_its_position_in_every_partition_and_its_lease_cleared()
    {
        var database = await postgres.CreateDatabaseAsync();
        var connectionString = postgres.ConnectionStringFor(database);
        var sql = new SqlProbe(connectionString);
        var migrations = MigrationCatalog.Load();
        foreach (var migration in migrations.Where(migration => migration.Version < 11))
        {
            await sql.ScalarAsync<object>(migration.Sql);
        }

        await sql.ScalarAsync<object>("""
            INSERT INTO feed_consumers (group_name, tx, position, lease_owner, lease_until)
            VALUES ('billing', 7351, 12, 'old-client', now() + interval '1 hour'), ('mail', 90, 3, NULL, NULL);
            """);
        await sql.ScalarAsync<object>(migrations.Single(migration => migration.Version == 11).Sql);

        // group:partitions:tx:position:leases, for groups whose partitions all hold one position.
        Assert.Equal(
            "billing:16:7351:12:0,mail:16:90:3:0",
            await sql.ScalarAsync<string>("""
                SELECT string_agg(format('%s:%s:%s:%s:%s', group_name, n, tx, position, leased), ',' ORDER BY group_name)
                FROM (SELECT group_name, count(DISTINCT partition) AS n, min(tx) AS tx, min(position) AS position,
                             count(lease_owner) AS leased
                      FROM feed_consumers GROUP BY group_name HAVING min(tx) = max(tx) AND min(position) = max(position)) g
                """));
        // User events have no order.
        await sql.ScalarAsync<object>("""
            INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
            VALUES ('user.created', NULL, 3, 1, now(), '{}')
            """);

        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await new SqlProbe(postgres.ConnectionStringFor("postgres")).ScalarAsync<object>($"DROP DATABASE \"{database}\" WITH (FORCE)");
    }
}
