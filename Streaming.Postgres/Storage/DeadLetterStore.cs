using Npgsql;

namespace Shop.Streaming.Postgres;

/// <summary>
/// Operator surface over one provider's dead letters: list them, and re-drive one or all back into their queue as
/// fresh messages (new sequence number, attempts from zero). Public, like <see cref="PostgresStreamOutbox"/>: the host's
/// operator tools resolve it keyed by the provider name.
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

    private const string RedriveOneSql = $"""
        WITH redriven AS (
            DELETE FROM stream_dead_letters WHERE provider = @provider AND id = @id
            RETURNING {Columns})
        INSERT INTO stream_messages ({Columns})
        SELECT {Columns} FROM redriven
        """;

    private const string RedriveAllSql = $"""
        WITH redriven AS (
            DELETE FROM stream_dead_letters WHERE provider = @provider
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
        // Re-driven rows wait for a reader to give them a sequence number, like any new message.
        await using var redrive = dataSource.CreateCommand(RedriveOneSql);
        redrive.Parameters.AddWithValue("provider", provider);
        redrive.Parameters.AddWithValue("id", id);
        return await redrive.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Puts every dead letter of the provider back, oldest first per queue; returns how many.</summary>
    public async Task<int> RedriveAllAsync(CancellationToken cancellationToken)
    {
        await using var redrive = dataSource.CreateCommand(RedriveAllSql);
        redrive.Parameters.AddWithValue("provider", provider);
        return await redrive.ExecuteNonQueryAsync(cancellationToken);
    }
}
