using Npgsql;
using NpgsqlTypes;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Idempotency;

namespace Shop.Silo.Storage;

/// <summary>Idempotency records in the <c>idempotency_records</c> table (migration 0007), swept by expiry.</summary>
public sealed class PostgresIdempotencyStore(NpgsqlDataSource database) : IIdempotencyStore
{
    private const string ReadSql = """
        SELECT fingerprint, status_code, body, location, etag, resource_id, expires_at
        FROM idempotency_records WHERE key = @key AND expires_at > @now
        """;

    private const string AddSql = """
        INSERT INTO idempotency_records (key, fingerprint, status_code, body, location, etag, resource_id, expires_at)
        VALUES (@key, @fingerprint, @status_code, @body, @location, @etag, @resource_id, @expires_at)
        ON CONFLICT (key) DO UPDATE
            SET fingerprint = EXCLUDED.fingerprint, status_code = EXCLUDED.status_code, body = EXCLUDED.body,
                location = EXCLUDED.location, etag = EXCLUDED.etag, resource_id = EXCLUDED.resource_id,
                expires_at = EXCLUDED.expires_at
            WHERE idempotency_records.expires_at <= @now
        """;

    public async Task<IdempotencyRecord?> ReadAsync(string key, DateTimeOffset now)
    {
        await using var command = database.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new IdempotencyRecord
        {
            Fingerprint = reader.GetString(0),
            Response = reader.IsDBNull(1) ? null : new IdempotentResponse
            {
                StatusCode = reader.GetInt32(1),
                Body = reader.GetString(2),
                Location = reader.IsDBNull(3) ? null : reader.GetString(3),
                ETag = reader.IsDBNull(4) ? null : reader.GetString(4),
            },
            ResourceId = reader.IsDBNull(5) ? null : reader.GetInt64(5),
            ExpiresAt = reader.GetFieldValue<DateTimeOffset>(6),
        };
    }

    public async Task<bool> TryAddAsync(KeyedIdempotencyRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (key, value) = (record.Key, record.Record);
        await using var command = database.CreateCommand(AddSql);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("fingerprint", value.Fingerprint);
        command.Parameters.AddWithValue("status_code", NpgsqlDbType.Integer, (object?)value.Response?.StatusCode ?? DBNull.Value);
        command.Parameters.AddWithValue("body", NpgsqlDbType.Text, (object?)value.Response?.Body ?? DBNull.Value);
        command.Parameters.AddWithValue("location", NpgsqlDbType.Text, (object?)value.Response?.Location ?? DBNull.Value);
        command.Parameters.AddWithValue("etag", NpgsqlDbType.Text, (object?)value.Response?.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("resource_id", NpgsqlDbType.Bigint, (object?)value.ResourceId ?? DBNull.Value);
        command.Parameters.AddWithValue("expires_at", value.ExpiresAt);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteNonQueryAsync() == 1;
    }
}
