using Npgsql;
using Shop.Feed.Client;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>The feed's partitions in PostgreSQL: the stored partition agrees with the client's, and is read by its index.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedPartitionTests(PostgresServer postgres) : FeedTestBase(postgres)
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(15L)]
    [InlineData(16L)]
    [InlineData(12_345L)]
    [InlineData(-17L)]
    public async Task A_row_is_stored_in_the_partition_the_client_computes_for_its_user(long userId)
    {
        var partition = await Shop.ScalarAsync<short>($"""
            INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
            VALUES ('order.placed', 1, {userId}, 1, now(), '{"{}"}') RETURNING partition
            """);

        Assert.Equal(FeedPartitions.Of(userId), partition);
    }

    [Fact]
    public async Task Reading_partitions_walks_only_their_rows_by_the_partition_index()
    {
        // A feed with many rows in each partition, and partition 5 left far behind with nothing new: a plan by the
        // feed's (tx, position) key would pass every row after its position to find none.
        await Shop.ExecuteAsync("""
            INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
            SELECT 'order.placed', g, g, 1, now(), '{}' FROM generate_series(1, 100000) g WHERE g % 16 <> 5;
            ANALYZE order_feed;
            """);

        await using var connection = new NpgsqlConnection(Shop.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + ShopOrderFeed.ReadPartitionsSql, connection);
        explain.Parameters.AddWithValue("partitions", new short[] { 0, 3, 5 });
        explain.Parameters.AddWithValue("txs", new long[] { 0, 0, 0 });
        explain.Parameters.AddWithValue("positions", new long[] { 0, 0, 0 });
        explain.Parameters.AddWithValue("limit", 250);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        Assert.True(text.Contains("ix_order_feed_partition", StringComparison.Ordinal), text);
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pk_order_feed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows Removed", text, StringComparison.Ordinal);
    }
}
