namespace Shop.Grains.Users.SignIn;

/// <summary>
/// Where users' credentials live: the <c>user_credentials</c> table on PostgreSQL (Silo/Storage/PostgresCredentialStore.cs,
/// migration 0013), an <see cref="Storage.IEmbeddedTablesGrain"/> in the embedded default. A row is created with its
/// user by the sign-up's statement (<see cref="IUserStore.CreateAsync"/>) and deleted with it (the foreign key
/// cascades); in between <see cref="UserCredentialsGrain"/> is its only writer.
/// </summary>
/// <remarks>
/// Sign-in bookkeeping is written here, not on the user's row: a sign-in or a refresh never moves the profile's row,
/// and a change of the profile never rewrites the sessions.
/// </remarks>
public interface ICredentialStore
{
    /// <returns>The credentials, or null when no user is stored under this id.</returns>
    Task<StoredCredentials?> ReadAsync(long userId);

    /// <summary>Stores <paramref name="changed"/> over revision <paramref name="expectedRevision"/>.</summary>
    /// <returns>
    /// False when nothing was stored: the row is not at that revision (another activation wrote it) or is gone (the
    /// user was deleted).
    /// </returns>
    Task<bool> UpdateAsync(long userId, long expectedRevision, CredentialState changed);
}

/// <summary>A user's credentials as stored, with the row's revision that the next write must name.</summary>
[GenerateSerializer, Immutable, Alias("shop.stored-credentials.v1")]
public sealed record StoredCredentials([property: Id(0)] CredentialState State, [property: Id(1)] long Revision);
