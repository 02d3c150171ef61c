using System.Collections.Immutable;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Orders;
using Shop.Streaming.Postgres;

namespace Shop.Silo.Storage;

/// <summary>
/// Orders in the <c>orders</c> table (migration 0007). A placement is one statement: the order, its event row and its
/// idempotency record commit together, in one round trip, and nothing is read first (a fresh id cannot exist). Each
/// change also writes its order feed row (<see cref="FeedSql"/>, migration 0008) in that statement. Writes go through
/// <see cref="GroupCommit"/>: concurrent placements and changes share a round trip and a commit. Confirmation jobs'
/// reads are shared the same way (<see cref="GroupRead{T}"/>); other reads go alone.
/// </summary>
public sealed class PostgresOrderStore(NpgsqlDataSource database, GroupCommit writes, PostgresStreamOutbox outbox) : IOrderStore
{
    private readonly GroupRead<OrderConfirmationStatus> _confirmations = new(ids => ReadConfirmationsAsync(database, ids));

    private static readonly JsonSerializerOptions ItemsJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private const string Columns = "user_id, status, items, total, currency, version, created_at, updated_at";

    private const string PlaceSql = $"""
        {ChangeStatementSql.Claim}, placed AS (
            INSERT INTO orders (id, {Columns})
            SELECT @id, @user_id, @status, @items, @total, @currency, @version, @created_at, @updated_at
            WHERE @key IS NULL OR EXISTS (SELECT 1 FROM claimed)
            RETURNING id
        ), {FeedSql.Insert} FROM placed)
        {ChangeStatementSql.Outbox} FROM placed
        """;

    private const string UpdateSql = $"""
        WITH changed AS (
            UPDATE orders SET status = @status, version = @version, updated_at = @updated_at
            WHERE id = @id AND version = @expected_version
            RETURNING id
        ), {FeedSql.Insert} FROM changed)
        {ChangeStatementSql.Outbox} FROM changed
        """;

    private const string ReadSql = $"SELECT id, {Columns} FROM orders WHERE id = @id";

    private const string ListSql = $"""
        SELECT id, {Columns} FROM orders
        WHERE user_id = @user_id AND id < COALESCE(@before_id, 9223372036854775807)
        ORDER BY id DESC
        LIMIT @limit
        """;

    private const string ReadConfirmationsSql = $"SELECT id, {Columns}, confirmation_sent_at, confirmation_message_id FROM orders WHERE id = ANY(@ids)";

    private const string MarkConfirmationSentSql = """
        UPDATE orders SET confirmation_sent_at = @sent_at, confirmation_message_id = @message_id WHERE id = @id
        """;

    private const string HasOpenSql = """
        SELECT EXISTS (SELECT 1 FROM orders WHERE user_id = @user_id AND status IN ('pending', 'paid', 'shipped'))
        """;

    public async Task<OrderState?> ReadAsync(long orderId)
    {
        await using var command = database.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("id", orderId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader).State : null;
    }

    public async Task<bool> PlaceAsync(long orderId, OrderState order, OrderPlaced placed, KeyedIdempotencyRecord? record)
    {
        ArgumentNullException.ThrowIfNull(order);
        var command = new NpgsqlBatchCommand(PlaceSql);
        var parameters = command.Parameters;
        AddOrder(parameters, orderId, order);
        var message = AddEvent(parameters, orderId, placed);
        FeedSql.Add(parameters, OrderFeedEvents.OrderPlaced, placed, placed.PlacedAt);
        ChangeStatementSql.AddClaim(parameters, record, order.CreatedAt);
        return Committed(await writes.ExecuteAsync(command) == 1, message);
    }

    public async Task<bool> UpdateAsync(long orderId, long expectedVersion, OrderState changedOrder, OrderStatusChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changedOrder);
        var command = new NpgsqlBatchCommand(UpdateSql);
        var parameters = command.Parameters;
        parameters.AddWithValue("id", orderId);
        parameters.AddWithValue("status", Status(changedOrder.Status));
        parameters.AddWithValue("version", changedOrder.Version);
        parameters.AddWithValue("updated_at", changedOrder.UpdatedAt);
        parameters.AddWithValue("expected_version", expectedVersion);
        var message = AddEvent(parameters, orderId, changed);
        FeedSql.Add(parameters, OrderFeedEvents.OrderStatusChanged, changed, changed.ChangedAt);
        return Committed(await writes.ExecuteAsync(command) == 1, message);
    }

    public async Task<IReadOnlyList<StoredOrder>> ListAsync(long userId, int limit, long? beforeId)
    {
        await using var command = database.CreateCommand(ListSql);
        command.Parameters.AddWithValue("user_id", userId);
        command.Parameters.AddWithValue("before_id", NpgsqlDbType.Bigint, (object?)beforeId ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync();
        var page = new List<StoredOrder>(limit);
        while (await reader.ReadAsync())
        {
            page.Add(Read(reader));
        }

        return page;
    }

    public async Task<bool> HasOpenOrdersAsync(long userId)
    {
        await using var command = database.CreateCommand(HasOpenSql);
        command.Parameters.AddWithValue("user_id", userId);
        return await command.ExecuteScalarAsync() is true;
    }

    // Every placed order's confirmation job reads this once: concurrent jobs share the statement.
    public Task<OrderConfirmationStatus?> ReadConfirmationAsync(long orderId) => _confirmations.ReadAsync(orderId);

    public async Task MarkConfirmationSentAsync(long orderId, EmailJobState sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var command = new NpgsqlBatchCommand(MarkConfirmationSentSql);
        command.Parameters.AddWithValue("id", orderId);
        command.Parameters.AddWithValue("sent_at", NpgsqlDbType.TimestampTz, (object?)sent.SentAt ?? DBNull.Value);
        command.Parameters.AddWithValue("message_id", NpgsqlDbType.Text, (object?)sent.MessageId ?? DBNull.Value);
        await writes.ExecuteAsync(command);
    }

    private static void AddOrder(NpgsqlParameterCollection parameters, long orderId, OrderState order)
    {
        parameters.AddWithValue("id", orderId);
        parameters.AddWithValue("user_id", order.UserId);
        parameters.AddWithValue("status", Status(order.Status));
        parameters.AddWithValue("items", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(order.Items, ItemsJson));
        parameters.AddWithValue("total", order.Total);
        parameters.AddWithValue("currency", order.Currency);
        parameters.AddWithValue("version", order.Version);
        parameters.AddWithValue("created_at", order.CreatedAt);
        parameters.AddWithValue("updated_at", order.UpdatedAt);
    }

    private bool Committed(bool stored, OutboxMessage message)
    {
        if (stored)
        {
            outbox.Committed(message);
        }

        return stored;
    }

    private OutboxMessage AddEvent(NpgsqlParameterCollection parameters, long orderId, IOrderEvent item)
    {
        var message = outbox.Message(StreamId.Create(ShopStreams.Orders, orderId), item);
        ChangeStatementSql.AddOutbox(parameters, message);
        return message;
    }

    private static async Task<IReadOnlyDictionary<long, OrderConfirmationStatus>> ReadConfirmationsAsync(NpgsqlDataSource database, long[] ids)
    {
        await using var command = database.CreateCommand(ReadConfirmationsSql);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<long, OrderConfirmationStatus>(ids.Length);
        while (await reader.ReadAsync())
        {
            var sent = reader.IsDBNull(9) ? null : new EmailJobState
            {
                SentAt = reader.GetFieldValue<DateTimeOffset>(9),
                MessageId = reader.IsDBNull(10) ? null : reader.GetString(10),
            };
            var order = Read(reader);
            found[order.Id] = new OrderConfirmationStatus(order.State, sent);
        }

        return found;
    }

    private static StoredOrder Read(NpgsqlDataReader reader) => new(reader.GetInt64(0), new OrderState
    {
        UserId = reader.GetInt64(1),
        Status = Enum.Parse<OrderStatus>(reader.GetString(2), ignoreCase: true),
        Items = JsonSerializer.Deserialize<ImmutableArray<OrderItem>>(reader.GetString(3), ItemsJson),
        Total = reader.GetDecimal(4),
        Currency = reader.GetString(5),
        Version = reader.GetInt64(6),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(8),
    });

    private static string Status(OrderStatus status) => status.ToString().ToLowerInvariant();
}
