using Npgsql;

namespace Shop.Feed.Client;

/// <summary>
/// A consumer group's rows in <c>feed_consumers</c> (one per partition: its saved position and the lease of the one
/// instance that reads it) and in <c>feed_members</c> (the group's live instances), as seen by one instance. All times
/// are the database's, so instances' clocks do not matter. Every statement that writes a partition's row requires this
/// instance to own it: an instance that lost a partition finds out at its next save and drops it.
/// </summary>
internal sealed class PartitionLeases(NpgsqlDataSource database, FeedConsumerOptions options)
{
    // A new group's partitions all start where its options say; an existing group keeps its positions. One statement,
    // so a group has all of its partitions or none.
    private const string CreateSql = """
        INSERT INTO feed_consumers (group_name, partition, tx, position)
        SELECT @group, p, @tx, @position FROM generate_series(0, @count - 1) p
        ON CONFLICT (group_name, partition) DO NOTHING
        """;

    // This instance's heartbeat, and the live instances including it. A lapsed member (dead or stalled) is deleted by
    // the next live one; its own row is left to the upsert, which a delete of the same row in this statement would
    // conflict with.
    private const string BeatSql = """
        WITH swept AS (
            DELETE FROM feed_members WHERE group_name = @group AND alive_until < now() AND instance_id <> @owner
        ), beat AS (
            INSERT INTO feed_members (group_name, instance_id, alive_until) VALUES (@group, @owner, now() + @lease)
            ON CONFLICT (group_name, instance_id) DO UPDATE SET alive_until = EXCLUDED.alive_until
            RETURNING instance_id
        )
        SELECT instance_id FROM feed_members WHERE group_name = @group AND alive_until >= now() AND instance_id <> @owner
        UNION ALL
        SELECT instance_id FROM beat
        """;

    // Renews every partition the database says this instance owns, a lapsed lease included as long as nobody took it.
    private const string RenewSql = """
        UPDATE feed_consumers SET lease_until = now() + @lease, updated_at = now()
        WHERE group_name = @group AND lease_owner = @owner
        RETURNING partition, tx, position
        """;

    // Only released or lapsed partitions. SKIP LOCKED: two instances acquiring at once take different partitions.
    private const string AcquireSql = """
        UPDATE feed_consumers c SET lease_owner = @owner, lease_until = now() + @lease, updated_at = now()
        FROM (
            SELECT partition FROM feed_consumers
            WHERE group_name = @group AND (lease_until IS NULL OR lease_until < now())
            ORDER BY partition
            LIMIT @count
            FOR UPDATE SKIP LOCKED
        ) free
        WHERE c.group_name = @group AND c.partition = free.partition
        RETURNING c.partition, c.tx, c.position
        """;

    private const string SaveSql = """
        UPDATE feed_consumers c SET tx = s.tx, position = s.position, lease_until = now() + @lease, updated_at = now()
        FROM unnest(@partitions, @txs, @positions) AS s (partition, tx, position)
        WHERE c.group_name = @group AND c.partition = s.partition AND c.lease_owner = @owner
        RETURNING c.partition, c.tx, c.position
        """;

    private const string ReleaseSql = """
        UPDATE feed_consumers SET lease_owner = NULL, lease_until = NULL, updated_at = now()
        WHERE group_name = @group AND lease_owner = @owner AND partition = ANY(@partitions)
        """;

    private const string LeaveSql = """
        WITH left_group AS (DELETE FROM feed_members WHERE group_name = @group AND instance_id = @owner)
        UPDATE feed_consumers SET lease_owner = NULL, lease_until = NULL, updated_at = now()
        WHERE group_name = @group AND lease_owner = @owner
        """;

    /// <summary>Creates the group's partitions at <paramref name="start"/> unless the group exists.</summary>
    public async Task CreateGroupAsync(FeedPosition start, CancellationToken cancellationToken)
    {
        await using var command = Command(CreateSql);
        command.Parameters.AddWithValue("tx", start.Transaction);
        command.Parameters.AddWithValue("position", start.Sequence);
        command.Parameters.AddWithValue("count", FeedPartitions.Count);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks this instance live for one more lease.</summary>
    /// <returns>The group's live instances, this one included.</returns>
    public async Task<IReadOnlyList<string>> BeatAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(BeatSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(reader.GetString(0));
        }

        return members;
    }

    /// <returns>The partitions this instance holds, renewed, with their saved positions.</returns>
    public async Task<Dictionary<int, FeedPosition>> RenewAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(RenewSql);
        return await PartitionPositions.ReadAsync(command, cancellationToken);
    }

    /// <returns>Up to <paramref name="count"/> partitions nobody holds, now this instance's, with their saved positions.</returns>
    public async Task<Dictionary<int, FeedPosition>> AcquireAsync(int count, CancellationToken cancellationToken)
    {
        await using var command = Command(AcquireSql);
        command.Parameters.AddWithValue("count", count);
        return await PartitionPositions.ReadAsync(command, cancellationToken);
    }

    /// <summary>Saves the positions of partitions this instance holds, renewing their leases.</summary>
    /// <returns>The partitions saved; the others have passed to another instance and nothing of theirs was saved.</returns>
    public async Task<Dictionary<int, FeedPosition>> SaveAsync(
        IReadOnlyDictionary<int, FeedPosition> positions, CancellationToken cancellationToken)
    {
        await using var command = Command(SaveSql);
        PartitionPositions.Add(command, positions);
        return await PartitionPositions.ReadAsync(command, cancellationToken);
    }

    /// <summary>Lets other instances take these partitions at once; their positions are already saved.</summary>
    public async Task ReleaseAsync(IEnumerable<int> partitions, CancellationToken cancellationToken)
    {
        await using var command = Command(ReleaseSql);
        command.Parameters.AddWithValue("partitions", partitions.Select(partition => (short)partition).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>On stop: releases every partition and leaves the members, so the others share at once, not after a lease.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(LeaveSql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("group", options.Group);
        command.Parameters.AddWithValue("owner", options.InstanceId);
        command.Parameters.AddWithValue("lease", options.LeaseDuration);
        return command;
    }
}
