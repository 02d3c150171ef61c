using Npgsql;

namespace Shop.Feed.Client;

/// <summary>
/// A consumer group's row in <c>feed_consumers</c>: its saved position and the lease of the one instance that reads for
/// it. All times are the database's, so instances' clocks do not matter. Saving a position also renews the lease, and
/// only the lease owner can save: an instance that lost the lease finds out at its next save and stops.
/// </summary>
internal sealed class ConsumerGroupLease(NpgsqlDataSource database, FeedConsumerOptions options)
{
    // A new group starts where its options say; an existing one keeps its position. The lease passes to this instance
    // when it holds it already, when it was released, or when it lapsed.
    private const string AcquireSql = """
        INSERT INTO feed_consumers AS c (group_name, tx, position, lease_owner, lease_until)
        VALUES (@group, @tx, @position, @owner, now() + @lease)
        ON CONFLICT (group_name) DO UPDATE
            SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until, updated_at = now()
            WHERE c.lease_owner = EXCLUDED.lease_owner OR c.lease_until IS NULL OR c.lease_until < now()
        RETURNING tx, position
        """;

    private const string SaveSql = """
        UPDATE feed_consumers SET tx = @tx, position = @position, lease_until = now() + @lease, updated_at = now()
        WHERE group_name = @group AND lease_owner = @owner
        """;

    private const string ReleaseSql = """
        UPDATE feed_consumers SET lease_until = NULL WHERE group_name = @group AND lease_owner = @owner
        """;

    /// <returns>The group's saved position when this instance now holds the lease; null when another instance does.</returns>
    public async Task<FeedPosition?> TryAcquireAsync(FeedPosition startIfNew, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(AcquireSql);
        AddPosition(command, startIfNew);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new FeedPosition(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <returns>False when the lease has passed to another instance: nothing was saved.</returns>
    public async Task<bool> SaveAsync(FeedPosition position, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(SaveSql);
        AddPosition(command, position);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Lets a standby instance take over at once instead of after the lease.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ReleaseSql);
        command.Parameters.AddWithValue("group", options.Group);
        command.Parameters.AddWithValue("owner", options.InstanceId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddPosition(NpgsqlCommand command, FeedPosition position)
    {
        command.Parameters.AddWithValue("group", options.Group);
        command.Parameters.AddWithValue("owner", options.InstanceId);
        command.Parameters.AddWithValue("lease", options.LeaseDuration);
        command.Parameters.AddWithValue("tx", position.Transaction);
        command.Parameters.AddWithValue("position", position.Sequence);
    }
}
