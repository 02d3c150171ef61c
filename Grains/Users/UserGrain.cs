using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Events;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Orders;
using Shop.Grains.Storage;
using Shop.Grains.Users.EmailClaims;
using Shop.Grains.Users.SignIn;
using SignInResult = Shop.Grains.Interfaces.Auth.SignInResult;

namespace Shop.Grains.Users;

/// <summary>
/// One user, held in memory while active (the read cache) and written to PostgreSQL before any change is answered.
/// The e-mail address is claimed before it is stored and released after it is given up, see <see cref="IEmailClaimGrain"/>.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", ShopStorage.Name)] IPersistentState<UserState> state,
    IPasswordHasher<UserState> hasher,
    IOptions<SignInPolicyOptions> signInOptions,
    IOrderStore orders,
    IOptions<IdempotencyOptions> idempotencyOptions,
    TimeProvider clock,
    ILogger<UserGrain> logger)
    : Grain, IUserGrain, IUserOrderLedgerGrain, ISettledUserGrain
{
    private const int MaxPageSize = 100;

    private UserState User => state.RecordExists ? state.State : throw DomainException.NotFound("User");

    async Task<UserView> IUserGrain.CreateAsync(CreateUser command)
    {
        if (state.RecordExists)
        {
            throw new DomainException(DomainErrorCode.Conflict, "A user with this id already exists.");
        }

        UserRules.Validate(command);
        var email = command.Email.Trim();
        var claim = ClaimFor(email);
        if (!await claim.TryClaimAsync(UserId, command.RequestKey))
        {
            throw EmailTaken();
        }

        var now = clock.GetUtcNow();
        var user = new UserState { Email = email, Name = command.Name, CreatedAt = now, UpdatedAt = now, Version = 1 };
        user = user with { PasswordHash = hasher.HashPassword(user, command.Password) };
        try
        {
            // Published first: once stored, the user can never miss its event; a failed publish stores nothing.
            await this.UserEvents(UserId).OnNextAsync(
                new UserCreated { UserId = UserId, Email = email, Name = command.Name, CreatedAt = now });
            await state.CommitAsync(user, this);
        }
        catch
        {
            await claim.ReleaseAsync(UserId);
            throw;
        }

        await claim.ConfirmAsync(UserId);
        LogUserCreated(logger, UserId);
        return ToView(user);
    }

    Task<UserView?> IUserGrain.GetAsync() => Task.FromResult(state.RecordExists ? ToView(state.State) : null);

    Task<UserView?> ISettledUserGrain.GetSettledAsync() => Task.FromResult(state.RecordExists ? ToView(state.State) : null);

    async Task<UserView> IUserGrain.UpdateAsync(UpdateUser command)
    {
        var current = User;
        EnsureVersion(current, command.ExpectedVersion);
        UserRules.Validate(command);
        if (ChangesNothing(current, command))
        {
            return ToView(current);
        }

        var next = current with { UpdatedAt = clock.GetUtcNow(), Version = current.Version + 1 };
        if (command.Name is not null)
        {
            next = next with { Name = command.Name };
        }

        if (command.Password is not null)
        {
            // A new password ends every session: refresh tokens issued under the old one are revoked.
            next = next with { PasswordHash = hasher.HashPassword(next, command.Password), SignIn = new SignInState() };
        }

        var newEmail = command.Email?.Trim();
        var emailMoves = newEmail is not null && !EmailAddress.SameAddress(newEmail, current.Email);
        if (newEmail is not null)
        {
            next = next with { Email = newEmail };
        }

        if (!emailMoves)
        {
            await state.CommitAsync(next, this);
            return ToView(next);
        }

        var newClaim = ClaimFor(newEmail!);
        if (!await newClaim.TryClaimAsync(UserId, requestKey: null))
        {
            throw EmailTaken();
        }

        try
        {
            await state.CommitAsync(next, this);
        }
        catch
        {
            await newClaim.ReleaseAsync(UserId);
            throw;
        }

        await newClaim.ConfirmAsync(UserId);
        await ClaimFor(current.Email).ReleaseAsync(UserId);
        return ToView(next);
    }

    // A password is never "the same": telling would cost a hash check, and setting it again is how a user signs out
    // everywhere. An address differing only in letter case is a change: it is how the user wants it written.
    private static bool ChangesNothing(UserState current, UpdateUser command) =>
        command.Password is null
        && (command.Name is null || command.Name == current.Name)
        && (command.Email is null || command.Email.Trim() == current.Email);

    async Task IUserGrain.DeleteAsync(long? expectedVersion)
    {
        var current = User;
        EnsureVersion(current, expectedVersion);
        // Placements run in this grain's turns too, so no order can be stored between this check and the clear.
        if (await orders.HasOpenOrdersAsync(UserId))
        {
            throw new DomainException(
                DomainErrorCode.Conflict, "The user has open orders; cancel or complete them before deleting the user.");
        }

        await state.ClearStateAsync();
        await ClaimFor(current.Email).ReleaseAsync(UserId);
        LogUserDeleted(logger, UserId);
    }

    async Task<bool> IUserGrain.VerifyPasswordAsync(string password)
    {
        if (!state.RecordExists || string.IsNullOrEmpty(password))
        {
            return false;
        }

        var current = state.State;
        switch (hasher.VerifyHashedPassword(current, current.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return true;
            case PasswordVerificationResult.SuccessRehashNeeded:
                await state.CommitAsync(current with { PasswordHash = hasher.HashPassword(current, password) }, this);
                return true;
            default:
                return false;
        }
    }

    Task<SignInResult> IUserGrain.SignInAsync(string password, string client) =>
        CheckPasswordAsync(password, client, issueRefreshToken: true);

    Task<SignInResult> IUserGrain.CheckCredentialsAsync(string password, string client) =>
        CheckPasswordAsync(password, client, issueRefreshToken: false);

    async Task<UserView> IUserGrain.UnlockAsync()
    {
        var current = User;
        var next = current with { SignIn = SignInLockout.Unlocked(current.SignIn) };
        if (next != current)
        {
            await state.CommitAsync(next, this);
            LogUnlocked(logger, UserId);
        }

        return ToView(next);
    }

    /// <remarks>
    /// The per-client slow-down and lock are applied before this, by the directory (see <see cref="SignInLockout"/>),
    /// for known and unknown addresses alike; here only the account-wide lock, which clients known to the account pass.
    /// </remarks>
    private async Task<SignInResult> CheckPasswordAsync(string password, string client, bool issueRefreshToken)
    {
        if (!state.RecordExists)
        {
            return SignInResult.Failed;
        }

        var options = signInOptions.Value;
        var now = clock.GetUtcNow();
        var current = state.State;
        var clientTag = SignInLockout.Tag(client);
        if (SignInLockout.Refuses(current.SignIn, clientTag, now))
        {
            // The verdict is ignored; the work is not: a locked account answers no faster than an unknown e-mail.
            hasher.VerifyHashedPassword(current, current.PasswordHash, password ?? "");
            return new SignInResult { Outcome = SignInOutcome.LockedOut, RetryAfter = current.SignIn.LockedUntil - now };
        }

        var verdict = hasher.VerifyHashedPassword(current, current.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            var signIn = SignInLockout.AfterFailure(current.SignIn, now, options);
            await state.CommitAsync(current with { SignIn = signIn }, this);
            if (signIn.LockedUntil != current.SignIn.LockedUntil)
            {
                LogLockedOut(logger, UserId, options.LockoutDuration);
            }

            return SignInResult.Failed;
        }

        var next = current with { SignIn = SignInLockout.AfterSuccess(current.SignIn, clientTag, options) };
        string? token = null;
        if (issueRefreshToken)
        {
            (var tokens, token) = RefreshTokenLedger.Issue(current.SignIn.RefreshTokens, UserId, Guid.NewGuid(), now, options);
            next = next with { SignIn = next.SignIn with { RefreshTokens = tokens } };
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            next = next with { PasswordHash = hasher.HashPassword(current, password!) };
        }

        // A check without a token that changes nothing (the usual Basic sign-in of an operator tool) writes nothing.
        if (next != current)
        {
            await state.CommitAsync(next, this);
        }

        return new SignInResult { Outcome = SignInOutcome.Succeeded, User = ToView(next), RefreshToken = token };
    }

    async Task<TokenRefresh?> IUserGrain.RefreshAsync(string refreshToken)
    {
        if (!state.RecordExists || string.IsNullOrEmpty(refreshToken))
        {
            return null;
        }

        var current = state.State;
        var now = clock.GetUtcNow();
        var (records, outcome, family) = RefreshTokenLedger.Spend(current.SignIn.RefreshTokens, refreshToken, now);
        switch (outcome)
        {
            case RefreshTokenLedger.RotationOutcome.Unknown:
                return null;
            case RefreshTokenLedger.RotationOutcome.ReuseDetected:
                LogRefreshTokenReused(logger, UserId);
                await state.CommitAsync(current with { SignIn = current.SignIn with { RefreshTokens = records } }, this);
                return null;
            case RefreshTokenLedger.RotationOutcome.Expired:
                await state.CommitAsync(current with { SignIn = current.SignIn with { RefreshTokens = records } }, this);
                return null;
        }

        var (rotated, token) = RefreshTokenLedger.Issue(records, UserId, family, now, signInOptions.Value);
        var next = current with { SignIn = current.SignIn with { RefreshTokens = rotated } };
        await state.CommitAsync(next, this);
        return new TokenRefresh { User = ToView(next), RefreshToken = token };
    }

    async Task IUserGrain.RevokeRefreshTokenAsync(string refreshToken)
    {
        if (!state.RecordExists || string.IsNullOrEmpty(refreshToken))
        {
            return;
        }

        var current = state.State;
        var records = RefreshTokenLedger.RevokeByToken(current.SignIn.RefreshTokens, refreshToken);
        if (records != current.SignIn.RefreshTokens)
        {
            await state.CommitAsync(current with { SignIn = current.SignIn with { RefreshTokens = records } }, this);
        }
    }

    async Task<UserView> IUserGrain.GrantRoleAsync(string role)
    {
        var current = User;
        if (!Roles.All.Contains(role))
        {
            throw DomainException.Invalid([new FieldError("role", $"must be one of: {string.Join(", ", Roles.All)}")]);
        }

        if (current.Roles.Contains(role))
        {
            return ToView(current);
        }

        var next = current with { Roles = current.Roles.Add(role), UpdatedAt = clock.GetUtcNow(), Version = current.Version + 1 };
        await state.CommitAsync(next, this);
        LogRoleGranted(logger, UserId, role);
        return ToView(next);
    }

    async Task<OrderPage> IUserGrain.ListOrdersAsync(int limit, long? cursor)
    {
        _ = User;
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

    async Task<OrderView> IUserOrderLedgerGrain.PlaceOrderAsync(long orderId, PlaceOrder command)
    {
        _ = User;
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

    private IEmailClaimGrain ClaimFor(string email) => GrainFactory.GetGrain<IEmailClaimGrain>(EmailAddress.Normalize(email));

    private static DomainException EmailTaken() =>
        new(DomainErrorCode.EmailTaken, "The e-mail address is already in use.", [new FieldError("email", "is already in use")]);

    private static void EnsureVersion(UserState current, long? expected)
    {
        if (expected is { } version && version != current.Version)
        {
            throw DomainException.VersionMismatch(current.Version);
        }
    }

    private UserView ToView(UserState user) => new()
    {
        Id = UserId,
        Email = user.Email,
        Name = user.Name,
        CreatedAt = user.CreatedAt,
        UpdatedAt = user.UpdatedAt,
        Version = user.Version,
        Roles = user.Roles,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} created")]
    private static partial void LogUserCreated(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} locked out for {Duration} after repeated sign-in failures")]
    private static partial void LogLockedOut(ILogger logger, long userId, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} was unlocked by an operator")]
    private static partial void LogUnlocked(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spent refresh token of user {UserId} was presented again; its session is revoked")]
    private static partial void LogRefreshTokenReused(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} was given the role {Role}")]
    private static partial void LogRoleGranted(ILogger logger, long userId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} placed for user {UserId}")]
    private static partial void LogOrderPlaced(ILogger logger, long orderId, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted")]
    private static partial void LogUserDeleted(ILogger logger, long userId);
}
