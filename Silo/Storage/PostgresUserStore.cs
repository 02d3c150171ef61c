using Npgsql;
using NpgsqlTypes;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Users;
using Shop.Streaming.Postgres;

namespace Shop.Silo.Storage;

/// <summary>
/// Users in the <c>users</c> table (migration 0012). Every change is one statement and one round trip: a sign-up
/// stores the user, its credentials' row (<c>user_credentials</c>, migration 0013), its idempotency record, the welcome
/// job's stream message and its feed row; a change of the profile stores the row and its feed row. The unique index on <c>email_key</c> is the address's only claim: a sign-up or
/// an address change that meets a taken address fails as a whole with a unique violation, and nothing is stored.
/// Creates, changes and the welcome marker go through <see cref="GroupCommit"/>, which hands a statement's unique
/// violation to its own caller only; a delete and the reads go alone.
/// </summary>
public sealed class PostgresUserStore(NpgsqlDataSource database, GroupCommit writes, PostgresStreamOutbox outbox) : IUserStore
{
    private const string EmailIndex = "ux_users_email_key";
    private const string PrimaryKey = "pk_users";

    private const string Columns = "email, name, roles, version, created_at, updated_at";

    // The key is claimed before the user is inserted, so a repeat whose key is held inserts nothing and is told so
    // (the user insert selects from the claim). A taken address raises a unique violation that undoes the claim too.
    // The credentials' row selects from the user's: its foreign key is checked at the statement's end, where the user's
    // row is there.
    private const string CreateSql = $"""
        {ChangeStatementSql.Claim}, stored AS (
            INSERT INTO users (id, email_key, revision, {Columns})
            SELECT @id, @email_key, 1, @email, @name, @roles, @version, @created_at, @updated_at
            WHERE @key IS NULL OR EXISTS (SELECT 1 FROM claimed)
            RETURNING id
        ), credentials AS (
            INSERT INTO user_credentials (user_id, password_hash, revision)
            SELECT id, @password_hash, 1 FROM stored
        ), {FeedSql.InsertUserEvent} FROM stored)
        {ChangeStatementSql.Outbox} FROM stored
        """;

    // A batched statement reports only its rows affected: 1 when the row was at the expected revision, else 0.
    private const string UpdateSql = """
        UPDATE users SET email = @email, email_key = @email_key, name = @name, roles = @roles, version = @version,
            updated_at = @updated_at, revision = revision + 1
        WHERE id = @id AND revision = @revision
        """;

    // Its rows affected are the feed rows stored, one exactly when the user's row was.
    private const string UpdateWithEventSql = $"""
        WITH stored AS (
            {UpdateSql}
            RETURNING id
        )
        {FeedSql.UserEventRow} FROM stored
        """;

    // Placements run in the user grain's turns, so no order can be placed between this check and the delete. The
    // credentials' row goes with the user's (ON DELETE CASCADE).
    private const string DeleteSql = $"""
        WITH open_orders AS (
            SELECT EXISTS (SELECT 1 FROM orders WHERE user_id = @id AND status IN ('pending', 'paid', 'shipped')) AS open
        ), stored AS (
            DELETE FROM users WHERE id = @id AND revision = @revision AND NOT (SELECT open FROM open_orders)
            RETURNING id
        ), {FeedSql.InsertUserEvent} FROM stored)
        SELECT (SELECT count(*) FROM stored), (SELECT open FROM open_orders)
        """;

    private const string ReadSql = $"SELECT {Columns}, revision FROM users WHERE id = @id";

    private const string FindSql = "SELECT id FROM users WHERE email_key = @email_key";

    private const string ReadWelcomeSql = $"SELECT {Columns}, revision, welcome_sent_at, welcome_message_id FROM users WHERE id = @id";

    private const string MarkWelcomeSentSql = """
        UPDATE users SET welcome_sent_at = @sent_at, welcome_message_id = @message_id WHERE id = @id
        """;

    public async Task<StoredUser?> ReadAsync(long userId)
    {
        await using var command = database.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("id", userId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredUser(Read(reader), reader.GetInt64(6)) : null;
    }

    public async Task<long?> FindIdByEmailAsync(string normalizedEmail)
    {
        await using var command = database.CreateCommand(FindSql);
        command.Parameters.AddWithValue("email_key", normalizedEmail);
        return await command.ExecuteScalarAsync() is long id ? id : null;
    }

    public async Task<UserWrite> CreateAsync(long userId, UserState user, string passwordHash, UserCreated created, KeyedIdempotencyRecord? record)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(created);
        var command = new NpgsqlBatchCommand(CreateSql);
        var parameters = command.Parameters;
        AddUser(parameters, userId, user);
        parameters.AddWithValue("password_hash", passwordHash);
        var message = outbox.Message(StreamId.Create(ShopStreams.Users, userId), created);
        ChangeStatementSql.AddOutbox(parameters, message);
        FeedSql.AddUserEvent(parameters, OrderFeedEvents.UserCreated, user.Version, created.CreatedAt, created);
        ChangeStatementSql.AddClaim(parameters, record, user.CreatedAt);
        var outcome = await WriteAsync(async () => await writes.ExecuteAsync(command) == 1 ? UserWrite.Stored : UserWrite.KeyHeld);
        if (outcome == UserWrite.Stored)
        {
            outbox.Committed(message);
        }

        return outcome;
    }

    public async Task<UserWrite> UpdateAsync(long userId, long expectedRevision, UserState changed, UserUpdated? updated)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var command = new NpgsqlBatchCommand(updated is null ? UpdateSql : UpdateWithEventSql);
        AddUser(command.Parameters, userId, changed);
        command.Parameters.AddWithValue("revision", expectedRevision);
        if (updated is not null)
        {
            FeedSql.AddUserEvent(command.Parameters, OrderFeedEvents.UserUpdated, updated.Version, updated.UpdatedAt, updated);
        }

        return await WriteAsync(async () => await writes.ExecuteAsync(command) == 1 ? UserWrite.Stored : UserWrite.Moved);
    }

    public async Task<UserWrite> DeleteAsync(long userId, long expectedRevision, UserDeleted deleted)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        await using var command = database.CreateCommand(DeleteSql);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("revision", expectedRevision);
        FeedSql.AddUserEvent(command.Parameters, OrderFeedEvents.UserDeleted, deleted.Version, deleted.DeletedAt, deleted);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) == 1 ? UserWrite.Stored : reader.GetBoolean(1) ? UserWrite.HasOpenOrders : UserWrite.Moved;
    }

    public async Task<UserWelcomeStatus?> ReadWelcomeAsync(long userId)
    {
        await using var command = database.CreateCommand(ReadWelcomeSql);
        command.Parameters.AddWithValue("id", userId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var sent = reader.IsDBNull(7) ? null : new EmailJobState
        {
            SentAt = reader.GetFieldValue<DateTimeOffset>(7),
            MessageId = reader.IsDBNull(8) ? null : reader.GetString(8),
        };
        return new UserWelcomeStatus(Read(reader), sent);
    }

    public async Task MarkWelcomeSentAsync(long userId, EmailJobState sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var command = new NpgsqlBatchCommand(MarkWelcomeSentSql);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("sent_at", NpgsqlDbType.TimestampTz, (object?)sent.SentAt ?? DBNull.Value);
        command.Parameters.AddWithValue("message_id", NpgsqlDbType.Text, (object?)sent.MessageId ?? DBNull.Value);
        await writes.ExecuteAsync(command);
    }

    private static async Task<UserWrite> WriteAsync(Func<Task<UserWrite>> write)
    {
        try
        {
            return await write();
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: EmailIndex })
        {
            return UserWrite.EmailTaken;
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: PrimaryKey })
        {
            // A create under an id that is taken: sign-ups are not read first (fresh ids cannot exist).
            return UserWrite.Moved;
        }
    }

    private static void AddUser(NpgsqlParameterCollection parameters, long userId, UserState user)
    {
        parameters.AddWithValue("id", userId);
        parameters.AddWithValue("email", user.Email);
        parameters.AddWithValue("email_key", EmailKeys.Of(user.Email));
        parameters.AddWithValue("name", NpgsqlDbType.Text, (object?)user.Name ?? DBNull.Value);
        parameters.AddWithValue("roles", NpgsqlDbType.Array | NpgsqlDbType.Text, user.Roles.ToArray());
        parameters.AddWithValue("version", user.Version);
        parameters.AddWithValue("created_at", user.CreatedAt);
        parameters.AddWithValue("updated_at", user.UpdatedAt);
    }

    private static UserState Read(NpgsqlDataReader reader) => new()
    {
        Email = reader.GetString(0),
        Name = reader.IsDBNull(1) ? null : reader.GetString(1),
        Roles = [.. reader.GetFieldValue<string[]>(2)],
        Version = reader.GetInt64(3),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(5),
    };
}
