using Npgsql;
using NpgsqlTypes;

namespace Shop.Streaming.Postgres;

/// <summary>Runs <see cref="StreamMessageSql"/> for the queues of one provider.</summary>
internal sealed class StreamMessageStore(string provider, NpgsqlDataSource dataSource)
{
    public string Provider { get; } = provider;

    /// <param name="queue">The queue index.</param>
    /// <param name="streamId">The stream the events belong to.</param>
    /// <param name="payload">The serialized <see cref="StreamMessageBody"/>.</param>
    /// <param name="delay">Hides the message this long (zero: deliverable at once).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task EnqueueAsync(int queue, StreamId streamId, byte[] payload, TimeSpan delay, CancellationToken cancellationToken)
    {
        // One statement, one commit; its seq comes later, from the reader (see StreamMessageSql).
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var insert = Command(connection, null, StreamMessageSql.Enqueue, queue);
        insert.Parameters.AddWithValue("namespace", NpgsqlDbType.Text, (object?)streamId.GetNamespace() ?? DBNull.Value);
        insert.Parameters.AddWithValue("key", NpgsqlDbType.Text, streamId.GetKeyAsString());
        insert.Parameters.AddWithValue("payload", NpgsqlDbType.Bytea, payload);
        insert.Parameters.AddWithValue("delay", NpgsqlDbType.Interval, delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> visible messages of a queue, oldest sequence first. Exhausted messages whose
    /// lease ran out go to the dead letters on the way.
    /// </summary>
    public async Task<IReadOnlyList<LeasedRow>> LeaseAsync(
        int queue, int max, TimeSpan lease, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Idle queues are polled often; this keeps an empty poll to one cheap read without a lock.
        await using (var probe = Command(connection, null, StreamMessageSql.AnyVisible, queue))
        {
            if (await probe.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return [];
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockQueueAsync(connection, transaction, queue, cancellationToken);
        await using (var deadLetter = Command(connection, transaction, StreamMessageSql.DeadLetterExhausted, queue))
        {
            deadLetter.Parameters.AddWithValue("max_attempts", maxAttempts);
            await deadLetter.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var resequence = Command(connection, transaction, StreamMessageSql.Resequence, queue))
        {
            resequence.Parameters.AddWithValue("max", max);
            await resequence.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = new List<LeasedRow>();
        await using (var take = Command(connection, transaction, StreamMessageSql.Lease, queue))
        {
            take.Parameters.AddWithValue("lease", lease);
            take.Parameters.AddWithValue("max", max);
            await using var reader = await take.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new LeasedRow(
                    reader.GetGuid(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetFieldValue<byte[]>(4)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        rows.Sort((left, right) => left.Seq.CompareTo(right.Seq));
        return rows;
    }

    public Task<int> AcknowledgeAsync(IReadOnlyCollection<Guid> receipts, CancellationToken cancellationToken) =>
        ByReceiptsAsync(StreamMessageSql.Acknowledge, receipts, null, cancellationToken);

    /// <returns>For each of <paramref name="queues"/> that holds messages, how long until its earliest is deliverable (zero: now).</returns>
    public async Task<IReadOnlyList<(int Queue, TimeSpan DueIn)>> EarliestDueAsync(int[] queues, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StreamMessageSql.EarliestDue);
        command.Parameters.AddWithValue("provider", Provider);
        command.Parameters.AddWithValue("queues", queues);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<(int, TimeSpan)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add((reader.GetInt32(0), reader.GetFieldValue<TimeSpan>(1)));
        }

        return due;
    }

    public Task<int> RenewAsync(IReadOnlyCollection<Guid> receipts, TimeSpan lease, CancellationToken cancellationToken) =>
        ByReceiptsAsync(StreamMessageSql.Renew, receipts, lease, cancellationToken);

    public Task<int> ReleaseAsync(IReadOnlyCollection<Guid> receipts, CancellationToken cancellationToken) =>
        ByReceiptsAsync(StreamMessageSql.Release, receipts, null, cancellationToken);

    /// <summary>Hides a failed message for <paramref name="delay"/>; false when the receipt is no longer valid.</summary>
    public async Task<bool> RetryLaterAsync(Guid receipt, TimeSpan delay, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StreamMessageSql.RetryLater);
        command.Parameters.AddWithValue("receipt", receipt);
        command.Parameters.AddWithValue("delay", delay);
        command.Parameters.AddWithValue("error", error);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Moves a leased message to the dead letters; false when the receipt is no longer valid.</summary>
    public async Task<bool> DeadLetterAsync(Guid receipt, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StreamMessageSql.DeadLetter);
        command.Parameters.AddWithValue("receipt", receipt);
        command.Parameters.AddWithValue("error", NpgsqlDbType.Text, error);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Applies message expiry and dead-letter retention to <paramref name="queues"/>, in one round trip.</summary>
    public async Task<CleanupResult> CleanupAsync(
        int[] queues, TimeSpan timeToLive, TimeSpan deadLetterRetention, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var expire = new NpgsqlBatchCommand(StreamMessageSql.Expire);
        expire.Parameters.AddWithValue("provider", Provider);
        expire.Parameters.AddWithValue("queues", queues);
        expire.Parameters.AddWithValue("ttl", timeToLive);
        var purge = new NpgsqlBatchCommand(StreamMessageSql.PurgeDeadLetters);
        purge.Parameters.AddWithValue("provider", Provider);
        purge.Parameters.AddWithValue("queues", queues);
        purge.Parameters.AddWithValue("retention", deadLetterRetention);
        batch.BatchCommands.Add(expire);
        batch.BatchCommands.Add(purge);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return new CleanupResult(expire.RecordsAffected, purge.RecordsAffected);
    }

    private async Task<int> ByReceiptsAsync(
        string sql, IReadOnlyCollection<Guid> receipts, TimeSpan? lease, CancellationToken cancellationToken)
    {
        if (receipts.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("receipts", receipts.ToArray());
        if (lease is { } duration)
        {
            command.Parameters.AddWithValue("lease", duration);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task LockQueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int queue, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, StreamMessageSql.LockQueue, queue);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, int queue)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("provider", Provider);
        command.Parameters.AddWithValue("queue", queue);
        return command;
    }
}

internal readonly record struct CleanupResult(int Expired, int PurgedDeadLetters);
