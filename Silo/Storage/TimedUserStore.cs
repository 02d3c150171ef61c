using System.Globalization;
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
    private const string GrainType = "user";
    private const string Table = "users";

    public Task<StoredUser?> ReadAsync(long userId) => timer.TimeAsync("read", GrainType, Id(userId), Table, () => inner.ReadAsync(userId));

    public Task<long?> FindIdByEmailAsync(string normalizedEmail) =>
        timer.TimeAsync("read", GrainType, "user/by-email", Table, () => inner.FindIdByEmailAsync(normalizedEmail));

    public Task<UserWrite> CreateAsync(long userId, UserState user, string passwordHash, UserCreated created, KeyedIdempotencyRecord? record) =>
        timer.TimeAsync("write", GrainType, Id(userId), Table, () => inner.CreateAsync(userId, user, passwordHash, created, record));

    public Task<UserWrite> UpdateAsync(long userId, long expectedRevision, UserState changed, UserUpdated? updated) =>
        timer.TimeAsync("write", GrainType, Id(userId), Table, () => inner.UpdateAsync(userId, expectedRevision, changed, updated));

    public Task<UserWrite> DeleteAsync(long userId, long expectedRevision, UserDeleted deleted) =>
        timer.TimeAsync("clear", GrainType, Id(userId), Table, () => inner.DeleteAsync(userId, expectedRevision, deleted));

    public Task<UserWelcomeStatus?> ReadWelcomeAsync(long userId) =>
        timer.TimeAsync("read", GrainType, Id(userId), Table, () => inner.ReadWelcomeAsync(userId));

    public Task MarkWelcomeSentAsync(long userId, EmailJobState sent) =>
        timer.TimeAsync("write", GrainType, Id(userId), Table, () => inner.MarkWelcomeSentAsync(userId, sent));

    private static string Id(long userId) => string.Create(CultureInfo.InvariantCulture, $"{GrainType}/{userId}");
}
