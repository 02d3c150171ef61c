using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shop.Feed.Client;

/// <summary>
/// Reads the order feed (order and user events) straight from the shop's PostgreSQL database. Events come in feed order,
/// which keeps each order's and each user's events in the order they happened, and only from committed transactions older than every transaction still
/// running, so a reader never passes an event that commits later (migration 0008 explains the rule and its cost).
/// </summary>
public sealed class ShopOrderFeed : IAsyncDisposable
{
    private const string ReadSql = """
        SELECT tx, position, type, order_id, user_id, version, occurred_at, payload::text
        FROM order_feed
        WHERE (tx, position) > (@tx, @position)
          AND tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        ORDER BY tx, position
        LIMIT @limit
        """;

    // Each partition by ix_order_feed_partition (partition, tx, position), after its own position, under the same
    // horizon as ReadSql: one round trip for all of a consumer's partitions, each an index range of at most @limit rows.
    // The position is compared as (partition, tx, position), which only that index can bound: the planner otherwise
    // takes pk_order_feed's (tx, position) range and filters by partition when the partitions are dense, and then a
    // partition without new events costs a scan of every row after its position, on each poll.
    internal const string ReadPartitionsSql = """
        SELECT f.tx, f.position, f.type, f.order_id, f.user_id, f.version, f.occurred_at, f.payload::text
        FROM unnest(@partitions, @txs, @positions) AS after (partition, tx, position)
        CROSS JOIN LATERAL (
            SELECT * FROM order_feed o
            WHERE o.partition = after.partition
              AND (o.partition, o.tx, o.position) > (after.partition, after.tx, after.position)
              AND o.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY o.partition, o.tx, o.position
            LIMIT @limit) f
        ORDER BY f.tx, f.position
        """;

    // By ix_order_feed_occurred_at. Commit order and clock order agree except for writers whose clocks or commits differ
    // by moments, so an event that occurred just after the time but sits earlier in the feed may be missed.
    private const string FirstAtSql = """
        SELECT tx, position FROM order_feed WHERE occurred_at >= @at ORDER BY occurred_at, tx, position LIMIT 1
        """;

    // Nothing at or after the time yet: begin after every transaction that has finished, so what commits next is read.
    private const string EndSql = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint - 1";

    private readonly NpgsqlDataSource database;
    private readonly OrderFeedOptions options;

    public ShopOrderFeed(IOptions<OrderFeedOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        database = NpgsqlDataSource.Create(this.options.ConnectionString);
    }

    public OrderFeedOptions Options => options;

    /// <summary>The position to read after so that reading begins at <paramref name="start"/>.</summary>
    public async Task<FeedPosition> ResolveAsync(FeedStart start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        switch (start)
        {
            case FeedStart.AfterPosition after:
                return after.Position;
            case FeedStart.FromTime from:
            {
                await using var first = database.CreateCommand(FirstAtSql);
                first.Parameters.AddWithValue("at", from.Time);
                await using var reader = await first.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    return new FeedPosition(reader.GetInt64(0), reader.GetInt64(1) - 1);
                }

                await reader.CloseAsync();
                await using var end = database.CreateCommand(EndSql);
                return new FeedPosition((long)(await end.ExecuteScalarAsync(cancellationToken))!, long.MaxValue);
            }

            default:
                return FeedPosition.Start;
        }
    }

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="after"/>; empty at the end of the feed.</summary>
    public async Task<IReadOnlyList<FeedEvent>> ReadBatchAsync(
        FeedPosition after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = database.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("tx", after.Transaction);
        command.Parameters.AddWithValue("position", after.Sequence);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="limitEach"/> events of each partition in <paramref name="after"/>, after that partition's
    /// position; in feed order, which keeps each partition's own order.
    /// </summary>
    internal async Task<IReadOnlyList<FeedEvent>> ReadPartitionsAsync(
        IReadOnlyDictionary<int, FeedPosition> after, int limitEach, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ReadPartitionsSql);
        PartitionPositions.Add(command, after);
        command.Parameters.AddWithValue("limit", limitEach);
        return await ReadEventsAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<FeedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batch = new List<FeedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var payload = JsonDocument.Parse(reader.GetString(7));
            batch.Add(new FeedEvent(
                new FeedPosition(reader.GetInt64(0), reader.GetInt64(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                payload.RootElement.Clone()));
        }

        return batch;
    }

    /// <summary>
    /// Batches from <paramref name="from"/> on, for as long as the caller reads, waiting
    /// <see cref="OrderFeedOptions.PollInterval"/> at the end of the feed. Save the last event's position after
    /// handling a batch to resume with <see cref="FeedStart.After"/>.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<FeedEvent>> ReadBatchesAsync(
        FeedStart from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var position = await ResolveAsync(from, cancellationToken);
        while (true)
        {
            var batch = await ReadBatchAsync(position, options.BatchSize, cancellationToken);
            if (batch.Count > 0)
            {
                yield return batch;
                position = batch[^1].Position;
            }

            if (batch.Count < options.BatchSize)
            {
                await Task.Delay(options.PollInterval, cancellationToken);
            }
        }
    }

    /// <summary>Every event from <paramref name="from"/> on, one at a time (see <see cref="ReadBatchesAsync"/>).</summary>
    public async IAsyncEnumerable<FeedEvent> ReadAsync(
        FeedStart from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var batch in ReadBatchesAsync(from, cancellationToken))
        {
            foreach (var feedEvent in batch)
            {
                yield return feedEvent;
            }
        }
    }

    internal NpgsqlDataSource Database => database;

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
