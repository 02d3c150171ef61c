using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Orders;
using Shop.Grains.Storage;
using Shop.Grains.Users.SignIn;

namespace Shop.Grains.Users;

/// <summary>
/// One user, held in memory while active (the read cache) and written to PostgreSQL before any change is answered.
/// The profile, its roles and life cycle, and the user's orders live here, each write one statement of
/// <see cref="IUserStore"/>; the password and sign-in are <see cref="UserCredentialsGrain"/>'s, on a row of their own.
/// </summary>
public sealed partial class UserGrain(
    IUserStore store,
    IPasswordHasher<CredentialState> hasher,
    IOrderStore orders,
    IOptions<IdempotencyOptions> idempotencyOptions,
    TimeProvider clock,
    ILogger<UserGrain> logger)
    : Grain, IUserGrain, IUserOrderLedgerGrain
{
    private const int MaxPageSize = 100;

    private readonly PlacementGate _placements = new();
    private StoredUser? _stored;
    private bool _loaded;

    async Task<UserView> IUserGrain.CreateAsync(CreateUser command)
    {
        // Not read first: the directory hands out fresh ids, so the insert itself tells the rare id already taken.
        if (_stored is not null)
        {
            throw AlreadyExists();
        }

        UserRules.Validate(command);
        var now = StoredTime.Now(clock);
        var email = command.Email.Trim();
        var user = new UserState { Email = email, Name = command.Name, CreatedAt = now, UpdatedAt = now, Version = 1 };
        // The credentials' row is inserted by the same statement: a sign-up stays one round trip and one commit.
        var passwordHash = hasher.HashPassword(new CredentialState(), command.Password);
        var record = command.Idempotency is { } ticket
            ? new KeyedIdempotencyRecord(ticket.Key, new IdempotencyRecord
            {
                Fingerprint = ticket.Fingerprint, ResourceId = UserId, ExpiresAt = now + idempotencyOptions.Value.Retention,
            })
            : null;
        var created = new UserCreated { UserId = UserId, Email = email, Name = command.Name, CreatedAt = now };
        switch (await store.CreateAsync(UserId, user, passwordHash, created, record))
        {
            case UserWrite.Stored:
                (_stored, _loaded) = (new StoredUser(user, 1), true);
                LogUserCreated(logger, UserId);
                return ToView(user);
            case UserWrite.EmailTaken:
                throw EmailTaken();
            case UserWrite.KeyHeld:
                // A repeat of a stored sign-up (its answer was lost, or it raced the first), or another request with the key.
                throw new DomainException(DomainErrorCode.IdempotencyKeyHeld, "This Idempotency-Key was already used; its first answer stands.");
            default:
                _loaded = false;
                throw AlreadyExists();
        }
    }

    async Task<UserView?> IUserGrain.GetAsync() => await LoadAsync() is { } user ? ToView(user.State) : null;

    async Task<UserView> IUserGrain.UpdateAsync(UpdateUser command)
    {
        var current = await RequireAsync();
        EnsureVersion(current, command.ExpectedVersion);
        UserRules.Validate(command);
        if (ChangesNothing(current, command))
        {
            return ToView(current);
        }

        var next = current with { UpdatedAt = StoredTime.Now(clock), Version = current.Version + 1 };
        if (command.Name is not null)
        {
            next = next with { Name = command.Name };
        }

        if (command.Email is not null)
        {
            next = next with { Email = command.Email.Trim() };
        }

        if (command.Password is not null)
        {
            await ChangePasswordAsync(current, next, command.Password);
        }

        await StoreAsync(next, Updated(next));
        return ToView(next);
    }

    /// <remarks>
    /// The password lives on the credentials' row, written by their grain alone, so a PATCH with a password costs two
    /// commits: the password (and the end of every session) first, then the profile's version and its
    /// <c>user.updated</c> event. Between the two nothing is lost: a profile write that fails leaves the new password
    /// set and the version unmoved, so the same request (same <c>If-Match</c>) can be repeated, and setting a password
    /// again changes nothing more. An address already taken is checked first, so that a 409 does not come back with the
    /// password changed; one taken in the moment between the check and the write still can.
    /// </remarks>
    private async Task ChangePasswordAsync(UserState current, UserState next, string password)
    {
        var key = EmailKeys.Of(next.Email);
        if (key != EmailKeys.Of(current.Email) && await store.FindIdByEmailAsync(key) is { } holder && holder != UserId)
        {
            throw EmailTaken();
        }

        await GrainFactory.GetGrain<IUserCredentialsGrain>(UserId).ChangePasswordAsync(password);
    }

    // A password is never "the same": telling would cost a hash check, and setting it again is how a user signs out
    // everywhere. An address differing only in letter case is a change: it is how the user wants it written.
    private static bool ChangesNothing(UserState current, UpdateUser command) =>
        command.Password is null
        && (command.Name is null || command.Name == current.Name)
        && (command.Email is null || command.Email.Trim() == current.Email);

    Task IUserGrain.DeleteAsync(long? expectedVersion) => _placements.DeleteAsync(() => DeleteAsync(expectedVersion));

    // Only placements interleave with this (PlacementGate), and they do not change the user: what is read here holds.
    private async Task DeleteAsync(long? expectedVersion)
    {
        var current = await RequireAsync();
        EnsureVersion(current, expectedVersion);
        var deleted = new UserDeleted
        {
            UserId = UserId, Email = current.Email, Name = current.Name, Version = current.Version + 1, DeletedAt = StoredTime.Now(clock),
        };
        switch (await store.DeleteAsync(UserId, _stored!.Revision, deleted))
        {
            case UserWrite.Stored:
                _stored = null;
                LogUserDeleted(logger, UserId);
                // The credentials' row went with the user's (the foreign key cascades); their grain may still hold it in
                // memory. Told best effort, one way: an activation that missed this cannot sign the user in, as every
                // successful check asks this grain for the user (and the directory finds no row by the address), and
                // every write it makes fails on the missing row.
                await GrainFactory.GetGrain<ICredentialsCacheGrain>(UserId).ForgetAsync();
                return;
            case UserWrite.HasOpenOrders:
                throw new DomainException(
                    DomainErrorCode.Conflict, "The user has open orders; cancel or complete them before deleting the user.");
            default:
                throw Moved();
        }
    }

    async Task<UserView> IUserGrain.GrantRoleAsync(string role)
    {
        var current = await RequireAsync();
        if (!Roles.All.Contains(role))
        {
            throw DomainException.Invalid([new FieldError("role", $"must be one of: {string.Join(", ", Roles.All)}")]);
        }

        if (current.Roles.Contains(role))
        {
            return ToView(current);
        }

        var next = current with { Roles = current.Roles.Add(role), UpdatedAt = StoredTime.Now(clock), Version = current.Version + 1 };
        await StoreAsync(next, Updated(next));
        LogRoleGranted(logger, UserId, role);
        return ToView(next);
    }

    async Task<OrderPage> IUserGrain.ListOrdersAsync(int limit, long? cursor)
    {
        await RequireAsync();
        if (limit is < 1 or > MaxPageSize)
        {
            throw DomainException.Invalid([new FieldError("limit", $"must be between 1 and {MaxPageSize}")]);
        }

        if (cursor is < 1)
        {
            throw DomainException.Invalid([new FieldError("cursor", "is not a cursor of this list")]);
        }

        // The cursor is the id of the last order already seen: ids only grow, so a page stays the same while new
        // orders arrive. One more row than asked for tells whether another page follows.
        var rows = await orders.ListAsync(UserId, limit + 1, cursor);
        var page = rows.Take(limit).Select(row => row.State.ToView(row.Id)).ToArray();
        return new OrderPage { Items = page, NextCursor = rows.Count > limit ? page[^1].Id : null };
    }

    Task<OrderView> IUserOrderLedgerGrain.PlaceOrderAsync(long orderId, PlaceOrder command) =>
        _placements.PlaceAsync(async () => await RequireAsync(), () => PlaceAsync(orderId, command));

    private async Task<OrderView> PlaceAsync(long orderId, PlaceOrder command)
    {
        var now = StoredTime.Now(clock);
        var (order, placed) = OrderPlacement.Place(orderId, command, now);
        var record = command.Idempotency is { } ticket
            ? new KeyedIdempotencyRecord(ticket.Key, new IdempotencyRecord
            {
                Fingerprint = ticket.Fingerprint, ResourceId = orderId, ExpiresAt = now + idempotencyOptions.Value.Retention,
            })
            : null;
        if (!await orders.PlaceAsync(orderId, order, placed, record))
        {
            // A repeat of a placed request (its answer was lost, or it raced the first), or another request with the key.
            throw new DomainException(DomainErrorCode.IdempotencyKeyHeld, "This Idempotency-Key was already used; its first answer stands.");
        }

        LogOrderPlaced(logger, orderId, UserId);
        return order.ToView(orderId);
    }

    private long UserId => this.GetPrimaryKeyLong();

    // Users are created through this grain, so "not there" is kept too: only this activation could change it.
    // Reads interleave with writes: a read that began before a write of this activation and returns after it carries
    // the older row, so it is kept only when nothing was stored meanwhile.
    private async ValueTask<StoredUser?> LoadAsync()
    {
        if (!_loaded)
        {
            var read = await store.ReadAsync(UserId);
            if (!_loaded)
            {
                (_stored, _loaded) = (read, true);
            }
        }

        return _stored;
    }

    private async ValueTask<UserState> RequireAsync() => (await LoadAsync())?.State ?? throw DomainException.NotFound("User");

    /// <summary>Stores <paramref name="next"/> and only then makes it the grain's user: memory never runs ahead of PostgreSQL.</summary>
    private async Task StoreAsync(UserState next, UserUpdated? updated)
    {
        var revision = _stored!.Revision;
        switch (await store.UpdateAsync(UserId, revision, next, updated))
        {
            case UserWrite.Stored:
                _stored = new StoredUser(next, revision + 1);
                return;
            case UserWrite.EmailTaken:
                throw EmailTaken();
            default:
                throw Moved();
        }
    }

    /// <summary>Another activation wrote the user (a membership change can briefly allow two): read it again.</summary>
    private DomainException Moved()
    {
        _loaded = false;
        _stored = null;
        DeactivateOnIdle();
        return new DomainException(DomainErrorCode.Conflict, "The resource was changed concurrently; read it again and retry.");
    }

    private UserUpdated Updated(UserState user) =>
        new() { UserId = UserId, Email = user.Email, Name = user.Name, Version = user.Version, UpdatedAt = user.UpdatedAt };

    private static DomainException AlreadyExists() => new(DomainErrorCode.Conflict, "A user with this id already exists.");

    private static DomainException EmailTaken() =>
        new(DomainErrorCode.EmailTaken, "The e-mail address is already in use.", [new FieldError("email", "is already in use")]);

    private static void EnsureVersion(UserState current, long? expected)
    {
        if (expected is { } version && version != current.Version)
        {
            throw DomainException.VersionMismatch(current.Version);
        }
    }

    private UserView ToView(UserState user) => user.ToView(UserId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} created")]
    private static partial void LogUserCreated(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} was given the role {Role}")]
    private static partial void LogRoleGranted(ILogger logger, long userId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} placed for user {UserId}")]
    private static partial void LogOrderPlaced(ILogger logger, long orderId, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted")]
    private static partial void LogUserDeleted(ILogger logger, long userId);
}
