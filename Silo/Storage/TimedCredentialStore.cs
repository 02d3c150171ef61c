using System.Globalization;
using Shop.Grains.Users.SignIn;

namespace Shop.Silo.Storage;

/// <summary>
/// The <c>user_credentials</c> table through <see cref="StorageTimer"/>, under grain type <c>user-credentials</c>: the
/// sign-ins' writes show apart from the profile's in the same histogram and slow-write warnings.
/// </summary>
public sealed class TimedCredentialStore(ICredentialStore inner, StorageTimer timer) : ICredentialStore
{
    private const string GrainType = "user-credentials";
    private const string Table = "user_credentials";

    public Task<StoredCredentials?> ReadAsync(long userId) => timer.TimeAsync("read", GrainType, Id(userId), Table, () => inner.ReadAsync(userId));

    public Task<bool> UpdateAsync(long userId, long expectedRevision, CredentialState changed) =>
        timer.TimeAsync("write", GrainType, Id(userId), Table, () => inner.UpdateAsync(userId, expectedRevision, changed));

    private static string Id(long userId) => string.Create(CultureInfo.InvariantCulture, $"{GrainType}/{userId}");
}
