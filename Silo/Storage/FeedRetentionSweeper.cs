using Microsoft.Extensions.Options;
using Npgsql;

namespace Shop.Silo.Storage;

/// <summary>
/// Deletes order feed events older than <see cref="FeedRetentionOptions.Retention"/> through the feed's
/// <c>occurred_at</c> index, in bounded batches. Every silo sweeps; the DELETE is idempotent, and a consumer whose
/// position fell behind retention simply goes on with the oldest event that is left.
/// </summary>
public sealed class FeedRetentionSweeper(
    NpgsqlDataSource database,
    IOptions<FeedRetentionOptions> options,
    ILogger<FeedRetentionSweeper> logger) : PeriodicSweeper(options.Value.SweepInterval, "order feed events", logger)
{
    // ctid = ANY(ARRAY(...)) deletes the batch by tuple id: the inner scan is on ix_order_feed_occurred_at.
    public const string SweepSql = """
        DELETE FROM order_feed
        WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM order_feed WHERE occurred_at < now() - @retention LIMIT @batch))
        """;

    public override async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var total = 0;
        int deleted;
        do
        {
            await using var command = database.CreateCommand(SweepSql);
            command.Parameters.AddWithValue("retention", settings.Retention);
            command.Parameters.AddWithValue("batch", settings.SweepBatchSize);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == settings.SweepBatchSize);

        return total;
    }
}
