using Npgsql;

namespace Shop.Streaming.Postgres;

/// <summary>
/// Operator surface over one provider's dead letters: list them, and re-drive one or all back into their queue as
/// fresh messages (new sequence number, attempts from zero).
/// </summary>
public sealed class DeadLetterStore(string provider, NpgsqlDataSource dataSource)
{
    private const string Columns = "id, provider, queue_id, stream_namespace, stream_key, payload";

    private const string ListSql = """
        SELECT id, queue_id, stream_namespace, stream_key, dequeue_count, last_error, enqueued_at, dead_lettered_at
        FROM stream_dead_letters
        WHERE provider = @provider
        ORDER BY dead_lettered_at DESC, id
        LIMIT @limit
        """;

    private const string QueueOfSql = "SELECT queue_id FROM stream_dead_letters WHERE provider = @provider AND id = @id FOR UPDATE";

    private const string QueuesSql = "SELECT DISTINCT queue_id FROM stream_dead_letters WHERE provider = @provider";

    private const string RedriveOneSql = $"""
        WITH redriven AS (
            DELETE FROM stream_dead_letters WHERE provider = @provider AND id = @id
            RETURNING {Columns})
        INSERT INTO stream_messages ({Columns})
        SELECT {Columns} FROM redriven
        """;

    private const string RedriveQueueSql = $"""
        WITH redriven AS (
            DELETE FROM stream_dead_letters WHERE provider = @provider AND queue_id = @queue
            RETURNING {Columns}, dead_lettered_at)
        INSERT INTO stream_messages ({Columns})
        SELECT {Columns} FROM redriven ORDER BY dead_lettered_at, id
        """;

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetGuid(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return letters;
    }

    /// <summary>Puts one dead letter back into its queue; false when there is no such dead letter.</summary>
    public async Task<bool> RedriveAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int queue;
        await using (var find = new NpgsqlCommand(QueueOfSql, connection, transaction))
        {
            find.Parameters.AddWithValue("provider", provider);
            find.Parameters.AddWithValue("id", id);
            if (await find.ExecuteScalarAsync(cancellationToken) is not int found)
            {
                return false;
            }

            queue = found;
        }

        await LockQueueAsync(connection, transaction, queue, cancellationToken);
        await using (var redrive = new NpgsqlCommand(RedriveOneSql, connection, transaction))
        {
            redrive.Parameters.AddWithValue("provider", provider);
            redrive.Parameters.AddWithValue("id", id);
            await redrive.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Puts every dead letter of the provider back, oldest first per queue; returns how many.</summary>
    public async Task<int> RedriveAllAsync(CancellationToken cancellationToken)
    {
        var queues = new List<int>();
        await using (var list = dataSource.CreateCommand(QueuesSql))
        {
            list.Parameters.AddWithValue("provider", provider);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                queues.Add(reader.GetInt32(0));
            }
        }

        var total = 0;
        foreach (var queue in queues)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockQueueAsync(connection, transaction, queue, cancellationToken);
            await using var redrive = new NpgsqlCommand(RedriveQueueSql, connection, transaction);
            redrive.Parameters.AddWithValue("provider", provider);
            redrive.Parameters.AddWithValue("queue", queue);
            total += await redrive.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return total;
    }

    // Re-driven rows draw new sequence numbers, so they need the queue's lock like any enqueue.
    private async Task LockQueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int queue, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(StreamMessageSql.LockQueue, connection, transaction);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("queue", queue);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
