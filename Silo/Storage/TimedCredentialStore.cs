using Shop.Grains.Users.SignIn;

namespace Shop.Silo.Storage;

/// <summary>
/// The <c>user_credentials</c> table through <see cref="StorageTimer"/>, under grain type <c>user-credentials</c>: the
/// sign-ins' writes show apart from the profile's in the same histogram and slow-write warnings.
/// </summary>
public sealed class TimedCredentialStore(ICredentialStore inner, StorageTimer timer) : ICredentialStore
{
    private readonly TableTimer _timer = new(timer, "user-credentials", "user_credentials");

    public Task<StoredCredentials?> ReadAsync(long userId) => _timer.ReadAsync(userId, () => inner.ReadAsync(userId));

    public Task<bool> UpdateAsync(long userId, long expectedRevision, CredentialState changed) =>
        _timer.WriteAsync(userId, () => inner.UpdateAsync(userId, expectedRevision, changed));
}
