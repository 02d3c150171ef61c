using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Shop.Grains.Users.SignIn;

namespace Shop.Silo.Storage;

/// <summary>
/// Users' credentials in the <c>user_credentials</c> table (migration 0013): one row per user, inserted by the sign-up's
/// statement (<see cref="PostgresUserStore"/>) and deleted with the user's row by the foreign key. Sign-in bookkeeping
/// is one <c>UPDATE</c> of this row through <see cref="GroupCommit"/>, so it shares commits with the other hot writes and
/// never touches the user's row.
/// </summary>
public sealed class PostgresCredentialStore(NpgsqlDataSource database, GroupCommit writes) : ICredentialStore
{
    // Lockout counters, known clients and one record per session, as snake_case JSON (as 0012 stored it on the users row).
    private static readonly JsonSerializerOptions SignInJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private const string ReadSql = "SELECT password_hash, sign_in, revision FROM user_credentials WHERE user_id = @id";

    // A batched statement reports only its rows affected: 1 when the row was at the expected revision, else 0 (another
    // activation wrote it, or the user is deleted and the row went with it).
    private const string UpdateSql = """
        UPDATE user_credentials SET password_hash = @password_hash, sign_in = @sign_in, revision = revision + 1
        WHERE user_id = @id AND revision = @revision
        """;

    public async Task<StoredCredentials?> ReadAsync(long userId)
    {
        await using var command = database.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("id", userId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var state = new CredentialState
        {
            PasswordHash = reader.GetString(0),
            SignIn = JsonSerializer.Deserialize<SignInState>(reader.GetString(1), SignInJson) ?? new SignInState(),
        };
        return new StoredCredentials(state, reader.GetInt64(2));
    }

    public async Task<bool> UpdateAsync(long userId, long expectedRevision, CredentialState changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var command = new NpgsqlBatchCommand(UpdateSql);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("revision", expectedRevision);
        command.Parameters.AddWithValue("password_hash", changed.PasswordHash);
        command.Parameters.AddWithValue("sign_in", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(changed.SignIn, SignInJson));
        return await writes.ExecuteAsync(command) == 1;
    }
}
