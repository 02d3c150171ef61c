using Orleans.Concurrency;
using Orleans.Streams;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Orders;
using Shop.Grains.Users;
using Shop.Grains.Users.SignIn;

namespace Shop.Grains.Storage;

/// <summary>
/// The embedded default's stand-in for the <c>orders</c>, <c>users</c>, <c>user_credentials</c> and <c>idempotency_records</c> tables: one grain, so every
/// silo of an in-memory cluster sees the same rows, and a call is one atomic change like a PostgreSQL transaction,
/// event included.
/// Nothing here survives the cluster, as nothing does without PostgreSQL.
/// </summary>
[Alias("shop.IEmbeddedTablesGrain")]
public interface IEmbeddedTablesGrain : IGrainWithIntegerKey
{
    /// <remarks>
    /// Queues behind a change being made, as a read of PostgreSQL waits for nothing but sees only committed rows: a
    /// consumer that got an order's event reads the order as stored with it.
    /// </remarks>
    [Alias("read-order")]
    Task<OrderState?> ReadOrderAsync(long orderId);

    [Alias("place-order")]
    Task<bool> PlaceOrderAsync(long orderId, OrderState order, OrderPlaced placed, KeyedIdempotencyRecord? record, DateTimeOffset now);

    [Alias("update-order")]
    Task<bool> UpdateOrderAsync(long orderId, long expectedVersion, OrderState changedOrder, OrderStatusChanged changed);

    [Alias("list-orders"), AlwaysInterleave]
    Task<IReadOnlyList<StoredOrder>> ListOrdersAsync(long userId, int limit, long? beforeId);

    [Alias("has-open-orders"), AlwaysInterleave]
    Task<bool> HasOpenOrdersAsync(long userId);

    /// <remarks>Queues behind a change being made, like <see cref="ReadOrderAsync"/>.</remarks>
    [Alias("read-confirmation")]
    Task<OrderConfirmationStatus?> ReadConfirmationAsync(long orderId);

    [Alias("mark-confirmation-sent")]
    Task MarkConfirmationSentAsync(long orderId, EmailJobState sent);

    /// <remarks>Queues behind a change being made, like <see cref="ReadOrderAsync"/>.</remarks>
    [Alias("read-user")]
    Task<StoredUser?> ReadUserAsync(long userId);

    [Alias("find-user"), AlwaysInterleave]
    Task<long?> FindUserIdAsync(string normalizedEmail);

    [Alias("create-user")]
    Task<UserWrite> CreateUserAsync(
        long userId, UserState user, string passwordHash, UserCreated created, KeyedIdempotencyRecord? record, DateTimeOffset now);

    [Alias("update-user")]
    Task<UserWrite> UpdateUserAsync(long userId, long expectedRevision, UserState changed);

    [Alias("delete-user")]
    Task<UserWrite> DeleteUserAsync(long userId, long expectedRevision);

    /// <remarks>Queues behind a change being made, like <see cref="ReadOrderAsync"/>.</remarks>
    [Alias("read-welcome")]
    Task<UserWelcomeStatus?> ReadWelcomeAsync(long userId);

    [Alias("mark-welcome-sent")]
    Task MarkWelcomeSentAsync(long userId, EmailJobState sent);

    /// <remarks>Queues behind a change being made, like <see cref="ReadOrderAsync"/>.</remarks>
    [Alias("read-credentials")]
    Task<StoredCredentials?> ReadCredentialsAsync(long userId);

    [Alias("update-credentials")]
    Task<bool> UpdateCredentialsAsync(long userId, long expectedRevision, CredentialState changed);

    [Alias("read-record"), AlwaysInterleave]
    Task<IdempotencyRecord?> ReadRecordAsync(string key, DateTimeOffset now);
}

/// <inheritdoc cref="IEmbeddedTablesGrain"/>
// Kept alive for the cluster's life: its memory is the data.
[KeepAlive]
public sealed class EmbeddedTablesGrain : Grain, IEmbeddedTablesGrain
{
    private readonly Dictionary<long, OrderState> _orders = [];
    private readonly Dictionary<long, SortedSet<long>> _ordersByUser = [];
    private readonly Dictionary<string, IdempotencyRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<long, EmailJobState> _confirmationsSent = [];
    private readonly Dictionary<long, StoredUser> _users = [];
    private readonly Dictionary<long, StoredCredentials> _credentials = [];
    private readonly Dictionary<string, long> _userIdsByEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<long, EmailJobState> _welcomesSent = [];

    Task<OrderState?> IEmbeddedTablesGrain.ReadOrderAsync(long orderId) => Task.FromResult(_orders.GetValueOrDefault(orderId));

    async Task<bool> IEmbeddedTablesGrain.PlaceOrderAsync(
        long orderId, OrderState order, OrderPlaced placed, KeyedIdempotencyRecord? record, DateTimeOffset now)
    {
        if (_orders.ContainsKey(orderId) || (record is not null && LiveRecord(record.Key, now) is not null))
        {
            return false;
        }

        // Memory streams join no transaction: published first, so a stored order never misses its event.
        await EventsOf(orderId).OnNextAsync(placed);
        _orders[orderId] = order;
        if (!_ordersByUser.TryGetValue(order.UserId, out var ids))
        {
            _ordersByUser[order.UserId] = ids = [];
        }

        ids.Add(orderId);
        if (record is not null)
        {
            _records[record.Key] = record.Record;
        }

        return true;
    }

    async Task<bool> IEmbeddedTablesGrain.UpdateOrderAsync(long orderId, long expectedVersion, OrderState changedOrder, OrderStatusChanged changed)
    {
        if (!_orders.TryGetValue(orderId, out var current) || current.Version != expectedVersion)
        {
            return false;
        }

        await EventsOf(orderId).OnNextAsync(changed);
        _orders[orderId] = changedOrder;
        return true;
    }

    Task<IReadOnlyList<StoredOrder>> IEmbeddedTablesGrain.ListOrdersAsync(long userId, int limit, long? beforeId)
    {
        IReadOnlyList<StoredOrder> page = _ordersByUser.TryGetValue(userId, out var ids)
            ? ids.Reverse().Where(id => beforeId is not { } before || id < before).Take(limit).Select(id => new StoredOrder(id, _orders[id])).ToList()
            : [];
        return Task.FromResult(page);
    }

    Task<bool> IEmbeddedTablesGrain.HasOpenOrdersAsync(long userId) =>
        Task.FromResult(_ordersByUser.TryGetValue(userId, out var ids) && ids.Any(id => OrderLifecycle.IsOpen(_orders[id].Status)));

    Task<OrderConfirmationStatus?> IEmbeddedTablesGrain.ReadConfirmationAsync(long orderId) =>
        Task.FromResult(_orders.TryGetValue(orderId, out var order)
            ? new OrderConfirmationStatus(order, _confirmationsSent.GetValueOrDefault(orderId))
            : null);

    Task IEmbeddedTablesGrain.MarkConfirmationSentAsync(long orderId, EmailJobState sent)
    {
        _confirmationsSent[orderId] = sent;
        return Task.CompletedTask;
    }

    Task<StoredUser?> IEmbeddedTablesGrain.ReadUserAsync(long userId) => Task.FromResult(_users.GetValueOrDefault(userId));

    Task<long?> IEmbeddedTablesGrain.FindUserIdAsync(string normalizedEmail) =>
        Task.FromResult(_userIdsByEmail.TryGetValue(normalizedEmail, out var id) ? id : (long?)null);

    async Task<UserWrite> IEmbeddedTablesGrain.CreateUserAsync(
        long userId, UserState user, string passwordHash, UserCreated created, KeyedIdempotencyRecord? record, DateTimeOffset now)
    {
        if (record is not null && LiveRecord(record.Key, now) is not null)
        {
            return UserWrite.KeyHeld;
        }

        if (_users.ContainsKey(userId))
        {
            return UserWrite.Moved;
        }

        var email = EmailKeys.Of(user.Email);
        if (_userIdsByEmail.ContainsKey(email))
        {
            return UserWrite.EmailTaken;
        }

        // Published first, as for orders: memory streams join no transaction.
        await this.GetStreamProvider(ShopStreams.Provider)
            .GetStream<UserCreated>(StreamId.Create(ShopStreams.Users, userId)).OnNextAsync(created);
        _users[userId] = new StoredUser(user, 1);
        _credentials[userId] = new StoredCredentials(new CredentialState { PasswordHash = passwordHash }, 1);
        _userIdsByEmail[email] = userId;
        if (record is not null)
        {
            _records[record.Key] = record.Record;
        }

        return UserWrite.Stored;
    }

    Task<UserWrite> IEmbeddedTablesGrain.UpdateUserAsync(long userId, long expectedRevision, UserState changed)
    {
        if (!_users.TryGetValue(userId, out var current) || current.Revision != expectedRevision)
        {
            return Task.FromResult(UserWrite.Moved);
        }

        var from = EmailKeys.Of(current.State.Email);
        var to = EmailKeys.Of(changed.Email);
        if (from != to)
        {
            if (_userIdsByEmail.ContainsKey(to))
            {
                return Task.FromResult(UserWrite.EmailTaken);
            }

            _userIdsByEmail.Remove(from);
            _userIdsByEmail[to] = userId;
        }

        _users[userId] = new StoredUser(changed, expectedRevision + 1);
        return Task.FromResult(UserWrite.Stored);
    }

    Task<UserWrite> IEmbeddedTablesGrain.DeleteUserAsync(long userId, long expectedRevision)
    {
        if (!_users.TryGetValue(userId, out var current) || current.Revision != expectedRevision)
        {
            return Task.FromResult(UserWrite.Moved);
        }

        if (_ordersByUser.TryGetValue(userId, out var ids) && ids.Any(id => OrderLifecycle.IsOpen(_orders[id].Status)))
        {
            return Task.FromResult(UserWrite.HasOpenOrders);
        }

        _users.Remove(userId);
        _credentials.Remove(userId);
        _userIdsByEmail.Remove(EmailKeys.Of(current.State.Email));
        _welcomesSent.Remove(userId);
        return Task.FromResult(UserWrite.Stored);
    }

    Task<UserWelcomeStatus?> IEmbeddedTablesGrain.ReadWelcomeAsync(long userId) =>
        Task.FromResult(_users.TryGetValue(userId, out var user)
            ? new UserWelcomeStatus(user.State, _welcomesSent.GetValueOrDefault(userId))
            : null);

    Task IEmbeddedTablesGrain.MarkWelcomeSentAsync(long userId, EmailJobState sent)
    {
        if (_users.ContainsKey(userId))
        {
            _welcomesSent[userId] = sent;
        }

        return Task.CompletedTask;
    }

    Task<StoredCredentials?> IEmbeddedTablesGrain.ReadCredentialsAsync(long userId) => Task.FromResult(_credentials.GetValueOrDefault(userId));

    Task<bool> IEmbeddedTablesGrain.UpdateCredentialsAsync(long userId, long expectedRevision, CredentialState changed)
    {
        if (!_credentials.TryGetValue(userId, out var current) || current.Revision != expectedRevision)
        {
            return Task.FromResult(false);
        }

        _credentials[userId] = new StoredCredentials(changed, expectedRevision + 1);
        return Task.FromResult(true);
    }

    Task<IdempotencyRecord?> IEmbeddedTablesGrain.ReadRecordAsync(string key, DateTimeOffset now) => Task.FromResult(LiveRecord(key, now));


    private IAsyncStream<IOrderEvent> EventsOf(long orderId) =>
        this.GetStreamProvider(ShopStreams.Provider).GetStream<IOrderEvent>(StreamId.Create(ShopStreams.Orders, orderId));

    private IdempotencyRecord? LiveRecord(string key, DateTimeOffset now) =>
        _records.TryGetValue(key, out var record) && record.ExpiresAt > now ? record : null;
}
