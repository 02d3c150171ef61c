using Shop.Grains.Interfaces.Users;
using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;

namespace Shop.Grains.Users;

/// <summary>
/// Where users live: the <c>users</c> table on PostgreSQL (Silo/Storage/PostgresUserStore.cs, migration 0012), an
/// <see cref="Storage.IEmbeddedTablesGrain"/> in the embedded default. Each change is one statement: the row, its feed
/// row and (for a sign-up) the user's credentials row, the welcome job's stream message and the idempotency record
/// commit together. The address is unique by its <see cref="EmailKeys.Of">normalised</see> form, enforced by the table:
/// a sign-up or an address change that loses a race is refused by the same statement that would have stored it.
/// </summary>
/// <remarks>
/// Every write names the <see cref="StoredUser.Revision"/> it changes (the row's own counter), so a second activation
/// of the same grain cannot overwrite the first. Sign-in bookkeeping is not written here but on the credentials' row
/// (<see cref="SignIn.ICredentialStore"/>), so it moves neither the revision nor the user's public <c>Version</c>.
/// </remarks>
public interface IUserStore
{
    /// <returns>The user, or null when none is stored under this id.</returns>
    Task<StoredUser?> ReadAsync(long userId);

    /// <returns>The id of the user holding the address (normalised), or null.</returns>
    Task<long?> FindIdByEmailAsync(string normalizedEmail);

    /// <summary>
    /// Stores a new user, its credentials (<paramref name="passwordHash"/>, no sessions yet), its <see cref="UserCreated"/>
    /// event and, when given, its idempotency record at once.
    /// </summary>
    Task<UserWrite> CreateAsync(long userId, UserState user, string passwordHash, UserCreated created, KeyedIdempotencyRecord? record);

    /// <summary>
    /// Stores <paramref name="changed"/> over revision <paramref name="expectedRevision"/>; a change the public sees
    /// (<paramref name="updated"/> not null) also writes its feed row.
    /// </summary>
    Task<UserWrite> UpdateAsync(long userId, long expectedRevision, UserState changed, UserUpdated? updated);

    /// <summary>
    /// Deletes the user and its credentials at <paramref name="expectedRevision"/> unless one of their orders is still open.
    /// </summary>
    Task<UserWrite> DeleteAsync(long userId, long expectedRevision, UserDeleted deleted);

    /// <returns>The user with its welcome mail's sent marker, or null when none is stored under this id.</returns>
    Task<UserWelcomeStatus?> ReadWelcomeAsync(long userId);

    /// <summary>Stores that the welcome mail went out (on the user's row: no row of its own).</summary>
    Task MarkWelcomeSentAsync(long userId, EmailJobState sent);
}

/// <summary>A user as stored, with the row's revision that the next write must name.</summary>
[GenerateSerializer, Immutable, Alias("shop.stored-user.v1")]
public sealed record StoredUser([property: Id(0)] UserState State, [property: Id(1)] long Revision);

/// <summary>A user as the welcome mail job reads it: what the mail says, and whether it went out.</summary>
[GenerateSerializer, Immutable, Alias("shop.user-welcome-status.v1")]
public sealed record UserWelcomeStatus([property: Id(0)] UserState User, [property: Id(1)] EmailJobState? Sent);

/// <summary>What a write of <see cref="IUserStore"/> did.</summary>
public enum UserWrite
{
    /// <summary>Stored (or deleted).</summary>
    Stored,

    /// <summary>Nothing stored: the address is held by another user.</summary>
    EmailTaken,

    /// <summary>Nothing stored: the idempotency key already has a live record.</summary>
    KeyHeld,

    /// <summary>
    /// Nothing stored: the row is not at the expected revision (another activation wrote it) or is gone; for a create,
    /// a user with this id exists.
    /// </summary>
    Moved,

    /// <summary>Nothing deleted: the user still has an open order.</summary>
    HasOpenOrders,
}
