using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using SignInResult = Shop.Grains.Interfaces.Auth.SignInResult;

namespace Shop.Grains.Users.SignIn;

/// <summary>
/// One user's credentials, held in memory while active and written to PostgreSQL before any change is answered. What a
/// sign-in or a refresh does is decided by <see cref="UserSessions"/>; each write is one <c>UPDATE</c> of the user's
/// <c>user_credentials</c> row (<see cref="ICredentialStore"/>), of which this grain is the only writer.
/// </summary>
/// <remarks>
/// The user's view (roles, address) that a sign-in answers with comes from <see cref="IUserGrain.GetAsync"/>, in memory.
/// It is also what keeps a deleted user out: every successful check asks it, and a missing user fails the check, even
/// when this activation still holds the credentials of a user deleted meanwhile. Writes need no such guard: the row went
/// with the user's (the foreign key cascades), so any write fails its revision check.
/// </remarks>
public sealed partial class UserCredentialsGrain(
    ICredentialStore store,
    IPasswordHasher<CredentialState> hasher,
    IOptions<SignInPolicyOptions> signInOptions,
    TimeProvider clock,
    ILogger<UserCredentialsGrain> logger)
    : Grain, IUserCredentialsGrain, ICredentialsCacheGrain
{
    private StoredCredentials? _stored;

    async Task<bool> IUserCredentialsGrain.VerifyPasswordAsync(string password)
    {
        if (string.IsNullOrEmpty(password) || await LoadAsync() is not { } stored)
        {
            return false;
        }

        var current = stored.State;
        var verdict = hasher.VerifyHashedPassword(current, current.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed || await UserAsync() is null)
        {
            return false;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await StoreAsync(current with { PasswordHash = hasher.HashPassword(current, password) });
        }

        return true;
    }

    Task<SignInResult> IUserCredentialsGrain.SignInAsync(string password, string client) =>
        CheckPasswordAsync(password, client, issueRefreshToken: true);

    Task<SignInResult> IUserCredentialsGrain.CheckCredentialsAsync(string password, string client) =>
        CheckPasswordAsync(password, client, issueRefreshToken: false);

    /// <remarks>
    /// The per-client slow-down and lock are applied before this, by the directory (see <see cref="SignInLockout"/>),
    /// for known and unknown addresses alike; here only the account-wide lock, which clients known to the account pass.
    /// </remarks>
    private async Task<SignInResult> CheckPasswordAsync(string password, string client, bool issueRefreshToken)
    {
        if (await LoadAsync() is not { } stored)
        {
            return SignInResult.Failed;
        }

        var current = stored.State;
        var attempt = UserSessions.CheckPassword(current, password ?? "", client, issueRefreshToken, UserId, hasher, clock.GetUtcNow(), signInOptions.Value);
        UserView? user = null;
        if (attempt.Result.Outcome == SignInOutcome.Succeeded && (user = await UserAsync()) is null)
        {
            return SignInResult.Failed;
        }

        // A check that changes nothing (the usual Basic sign-in of an operator tool) writes nothing.
        if (attempt.Next != current)
        {
            await StoreAsync(attempt.Next);
        }

        if (attempt.LockedNow)
        {
            LogLockedOut(logger, UserId, signInOptions.Value.LockoutDuration);
        }

        return user is null ? attempt.Result : attempt.Result with { User = user };
    }

    async Task<UserView> IUserCredentialsGrain.UnlockAsync()
    {
        var user = await UserAsync() ?? throw DomainException.NotFound("User");
        var current = (await LoadAsync())?.State ?? throw DomainException.NotFound("User");
        var next = current with { SignIn = SignInLockout.Unlocked(current.SignIn) };
        if (next != current)
        {
            await StoreAsync(next);
            LogUnlocked(logger, UserId);
        }

        return user;
    }

    async Task<TokenRefresh?> IUserCredentialsGrain.RefreshAsync(string refreshToken)
    {
        if (string.IsNullOrEmpty(refreshToken) || await LoadAsync() is not { } stored)
        {
            return null;
        }

        var current = stored.State;
        var (next, outcome, token) = UserSessions.Refresh(current, refreshToken, UserId, clock.GetUtcNow(), signInOptions.Value);
        if (outcome == RefreshTokenLedger.RotationOutcome.ReuseDetected)
        {
            LogRefreshTokenReused(logger, UserId);
        }

        if (token is null)
        {
            if (next != current)
            {
                await StoreAsync(next);
            }

            return null;
        }

        if (await UserAsync() is not { } user)
        {
            return null;
        }

        await StoreAsync(next);
        return new TokenRefresh { User = user, RefreshToken = token };
    }

    async Task IUserCredentialsGrain.RevokeRefreshTokenAsync(string refreshToken)
    {
        if (string.IsNullOrEmpty(refreshToken) || await LoadAsync() is not { } stored)
        {
            return;
        }

        var current = stored.State;
        var records = RefreshTokenLedger.RevokeByToken(current.SignIn.RefreshTokens, refreshToken);
        if (records != current.SignIn.RefreshTokens)
        {
            await StoreAsync(current with { SignIn = current.SignIn with { RefreshTokens = records } });
        }
    }

    async Task IUserCredentialsGrain.ChangePasswordAsync(string password)
    {
        UserRules.ValidatePassword(password);
        var current = (await LoadAsync())?.State ?? throw DomainException.NotFound("User");
        // A new password ends every session: refresh tokens issued under the old one are revoked, and the lock and the
        // known clients start afresh.
        await StoreAsync(new CredentialState { PasswordHash = hasher.HashPassword(current, password) });
    }

    Task ICredentialsCacheGrain.ForgetAsync()
    {
        _stored = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private long UserId => this.GetPrimaryKeyLong();

    private Task<UserView?> UserAsync() => GrainFactory.GetGrain<IUserGrain>(UserId).GetAsync();

    // Only a row found is kept: the row is created by the user's sign-up, not through this grain, so "not there" may end
    // at any moment (a refresh token forged for an id not yet handed out must not lock its future owner out).
    private async ValueTask<StoredCredentials?> LoadAsync() => _stored ??= await store.ReadAsync(UserId);

    /// <summary>Stores <paramref name="next"/> and only then makes it the grain's credentials: memory never runs ahead of PostgreSQL.</summary>
    private async Task StoreAsync(CredentialState next)
    {
        var revision = _stored!.Revision;
        if (!await store.UpdateAsync(UserId, revision, next))
        {
            // Another activation wrote the row (a membership change can briefly allow two), or the user was deleted.
            _stored = null;
            DeactivateOnIdle();
            throw new DomainException(DomainErrorCode.Conflict, "The resource was changed concurrently; read it again and retry.");
        }

        _stored = new StoredCredentials(next, revision + 1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} locked out for {Duration} after repeated sign-in failures")]
    private static partial void LogLockedOut(ILogger logger, long userId, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} was unlocked by an operator")]
    private static partial void LogUnlocked(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spent refresh token of user {UserId} was presented again; its session is revoked")]
    private static partial void LogRefreshTokenReused(ILogger logger, long userId);
}
