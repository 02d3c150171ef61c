using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Users;

namespace Shop.Silo.Storage;

/// <summary>
/// The <c>users</c> table through <see cref="StorageTimer"/>, under grain type <c>user</c> as when users were grain
/// state: operators keep the same histogram and slow-write warnings for them.
/// </summary>
public sealed class TimedUserStore(IUserStore inner, StorageTimer timer) : IUserStore
{
    private readonly TableTimer _timer = new(timer, "user", "users");

    public Task<StoredUser?> ReadAsync(long userId) => _timer.ReadAsync(userId, () => inner.ReadAsync(userId));

    public Task<long?> FindIdByEmailAsync(string normalizedEmail) =>
        _timer.ReadAsync("user/by-email", () => inner.FindIdByEmailAsync(normalizedEmail));

    public Task<UserWrite> CreateAsync(long userId, UserState user, string passwordHash, UserCreated created, KeyedIdempotencyRecord? record) =>
        _timer.WriteAsync(userId, () => inner.CreateAsync(userId, user, passwordHash, created, record));

    public Task<UserWrite> UpdateAsync(long userId, long expectedRevision, UserState changed, UserUpdated? updated) =>
        _timer.WriteAsync(userId, () => inner.UpdateAsync(userId, expectedRevision, changed, updated));

    public Task<UserWrite> DeleteAsync(long userId, long expectedRevision, UserDeleted deleted) =>
        _timer.ClearAsync(userId, () => inner.DeleteAsync(userId, expectedRevision, deleted));

    public Task<UserWelcomeStatus?> ReadWelcomeAsync(long userId) =>
        _timer.ReadAsync(userId, () => inner.ReadWelcomeAsync(userId));

    public Task MarkWelcomeSentAsync(long userId, EmailJobState sent) =>
        _timer.WriteAsync(userId, () => inner.MarkWelcomeSentAsync(userId, sent));
}
