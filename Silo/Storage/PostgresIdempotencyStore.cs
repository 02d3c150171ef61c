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

}
