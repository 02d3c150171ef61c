using Npgsql;
using NpgsqlTypes;
using Shop.Grains.Idempotency;
using Shop.Streaming.Postgres;

namespace Shop.Silo.Storage;

/// <summary>
/// The parts the change statements of the table stores share (orders, users): a create's idempotency record, claimed
/// first as a CTE the insert selects from, and the event's outbox row, inserted from the change's own CTE, so all of it
/// commits together or not at all.
/// </summary>
internal static class ChangeStatementSql
{
    /// <summary>
    /// The <c>claimed</c> CTE: returns a row when the statement has no key (<c>@key</c> null: nothing to claim is
    /// checked by the insert's <c>@key IS NULL</c>) or the key was free. A record's key may be taken by a record that has
    /// expired but is not swept yet: it is replaced, like a fresh key. Opens the statement's <c>WITH</c>.
    /// </summary>
    public const string Claim = """
        WITH claimed AS (
            INSERT INTO idempotency_records (key, fingerprint, resource_id, expires_at)
            SELECT @key, @fingerprint, @id, @expires_at WHERE @key IS NOT NULL
            ON CONFLICT (key) DO UPDATE
                SET fingerprint = EXCLUDED.fingerprint, status_code = NULL, body = NULL, location = NULL, etag = NULL,
                    resource_id = EXCLUDED.resource_id, expires_at = EXCLUDED.expires_at
                WHERE idempotency_records.expires_at <= @now
            RETURNING 1
        )
        """;

    /// <summary>The statement's final insert: the outbox row; the statement closes it with <c>FROM its_cte</c>.</summary>
    public const string Outbox = $"""
        INSERT INTO {PostgresStreamOutbox.Columns}
        SELECT @provider, @queue, @namespace, @stream_key, @payload
        """;

    /// <summary>The parameters of <see cref="Claim"/>; <paramref name="now"/> decides which records have expired.</summary>
    public static void AddClaim(NpgsqlParameterCollection parameters, KeyedIdempotencyRecord? record, DateTimeOffset now)
    {
        parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)record?.Key ?? DBNull.Value);
        parameters.AddWithValue("fingerprint", NpgsqlDbType.Text, (object?)record?.Record.Fingerprint ?? DBNull.Value);
        parameters.AddWithValue("expires_at", NpgsqlDbType.TimestampTz, (object?)record?.Record.ExpiresAt ?? DBNull.Value);
        parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, now);
    }

    /// <summary>The parameters of <see cref="Outbox"/>.</summary>
    public static void AddOutbox(NpgsqlParameterCollection parameters, OutboxMessage message)
    {
        parameters.AddWithValue("provider", message.Provider);
        parameters.AddWithValue("queue", message.Queue);
        parameters.AddWithValue("namespace", NpgsqlDbType.Text, (object?)message.Namespace ?? DBNull.Value);
        parameters.AddWithValue("stream_key", message.Key);
        parameters.AddWithValue("payload", message.Payload);
    }
}
