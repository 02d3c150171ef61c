using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Orders;
using Shop.Grains.Users;
using Shop.Grains.Users.SignIn;

namespace Shop.Grains.Storage;

/// <summary><see cref="IOrderStore"/> of the embedded default, on <see cref="IEmbeddedTablesGrain"/>.</summary>
internal sealed class EmbeddedOrderStore(IGrainFactory grains, TimeProvider clock) : IOrderStore
{
    private IEmbeddedTablesGrain Tables => grains.GetGrain<IEmbeddedTablesGrain>(0);

    public Task<OrderState?> ReadAsync(long orderId) => Tables.ReadOrderAsync(orderId);

    public Task<bool> PlaceAsync(long orderId, OrderState order, OrderPlaced placed, KeyedIdempotencyRecord? record) =>
        Tables.PlaceOrderAsync(orderId, order, placed, record, clock.GetUtcNow());

    public Task<bool> UpdateAsync(long orderId, long expectedVersion, OrderState changedOrder, OrderStatusChanged changed) =>
        Tables.UpdateOrderAsync(orderId, expectedVersion, changedOrder, changed);

    public Task<IReadOnlyList<StoredOrder>> ListAsync(long userId, int limit, long? beforeId) => Tables.ListOrdersAsync(userId, limit, beforeId);

    public Task<bool> HasOpenOrdersAsync(long userId) => Tables.HasOpenOrdersAsync(userId);

    public Task<OrderConfirmationStatus?> ReadConfirmationAsync(long orderId) => Tables.ReadConfirmationAsync(orderId);

    public Task MarkConfirmationSentAsync(long orderId, EmailJobState sent) => Tables.MarkConfirmationSentAsync(orderId, sent);
}

/// <summary><see cref="IIdempotencyStore"/> of the embedded default, on <see cref="IEmbeddedTablesGrain"/>.</summary>
internal sealed class EmbeddedIdempotencyStore(IGrainFactory grains) : IIdempotencyStore
{
    public Task<IdempotencyRecord?> ReadAsync(string key, DateTimeOffset now) => grains.GetGrain<IEmbeddedTablesGrain>(0).ReadRecordAsync(key, now);
}

/// <summary><see cref="IUserStore"/> of the embedded default, on <see cref="IEmbeddedTablesGrain"/>; it keeps no feed.</summary>
internal sealed class EmbeddedUserStore(IGrainFactory grains, TimeProvider clock) : IUserStore
{
    private IEmbeddedTablesGrain Tables => grains.GetGrain<IEmbeddedTablesGrain>(0);

    public Task<StoredUser?> ReadAsync(long userId) => Tables.ReadUserAsync(userId);

    public Task<long?> FindIdByEmailAsync(string normalizedEmail) => Tables.FindUserIdAsync(normalizedEmail);

    public Task<UserWrite> CreateAsync(long userId, UserState user, string passwordHash, UserCreated created, KeyedIdempotencyRecord? record) =>
        Tables.CreateUserAsync(userId, user, passwordHash, created, record, clock.GetUtcNow());

    public Task<UserWrite> UpdateAsync(long userId, long expectedRevision, UserState changed, UserUpdated? updated) =>
        Tables.UpdateUserAsync(userId, expectedRevision, changed);

    public Task<UserWrite> DeleteAsync(long userId, long expectedRevision, UserDeleted deleted) =>
        Tables.DeleteUserAsync(userId, expectedRevision);

    public Task<UserWelcomeStatus?> ReadWelcomeAsync(long userId) => Tables.ReadWelcomeAsync(userId);

    public Task MarkWelcomeSentAsync(long userId, EmailJobState sent) => Tables.MarkWelcomeSentAsync(userId, sent);
}

/// <summary><see cref="ICredentialStore"/> of the embedded default, on <see cref="IEmbeddedTablesGrain"/>.</summary>
internal sealed class EmbeddedCredentialStore(IGrainFactory grains) : ICredentialStore
{
    private IEmbeddedTablesGrain Tables => grains.GetGrain<IEmbeddedTablesGrain>(0);

    public Task<StoredCredentials?> ReadAsync(long userId) => Tables.ReadCredentialsAsync(userId);

    public Task<bool> UpdateAsync(long userId, long expectedRevision, CredentialState changed) =>
        Tables.UpdateCredentialsAsync(userId, expectedRevision, changed);
}
