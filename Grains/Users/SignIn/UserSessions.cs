using Microsoft.AspNetCore.Identity;
using Shop.Grains.Interfaces.Auth;
using SignInResult = Shop.Grains.Interfaces.Auth.SignInResult;

namespace Shop.Grains.Users.SignIn;

/// <summary>
/// What a password check or a refresh does to a user's credentials: the answer and the credentials to store. Pure
/// apart from the hasher's work, so the grain only stores and answers.
/// </summary>
public static class UserSessions
{
    /// <param name="Next">The credentials to store (the same instance when nothing changed).</param>
    /// <param name="LockedNow">Whether this failure locked the account.</param>
    public readonly record struct PasswordCheck(SignInResult Result, CredentialState Next, bool LockedNow);

    public static PasswordCheck CheckPassword(
        CredentialState current,
        string password,
        string client,
        bool issueRefreshToken,
        long userId,
        IPasswordHasher<CredentialState> hasher,
        DateTimeOffset now,
        SignInPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(hasher);
        var clientTag = SignInLockout.Tag(client);
        if (SignInLockout.Refuses(current.SignIn, clientTag, now))
        {
            // The verdict is ignored; the work is not: a locked account answers no faster than an unknown e-mail.
            hasher.VerifyHashedPassword(current, current.PasswordHash, password);
            return new(new SignInResult { Outcome = SignInOutcome.LockedOut, RetryAfter = current.SignIn.LockedUntil - now }, current, false);
        }

        var verdict = hasher.VerifyHashedPassword(current, current.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failed = SignInLockout.AfterFailure(current.SignIn, now, options);
            return new(SignInResult.Failed, current with { SignIn = failed }, failed.LockedUntil != current.SignIn.LockedUntil);
        }

        var next = current with { SignIn = SignInLockout.AfterSuccess(current.SignIn, clientTag, options) };
        string? token = null;
        if (issueRefreshToken)
        {
            (var tokens, token) = RefreshTokenLedger.Issue(next.SignIn.RefreshTokens, userId, Guid.NewGuid(), 0, now, options);
            next = next with { SignIn = next.SignIn with { RefreshTokens = tokens } };
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            next = next with { PasswordHash = hasher.HashPassword(current, password) };
        }

        return new(new SignInResult { Outcome = SignInOutcome.Succeeded, RefreshToken = token }, next, false);
    }

    /// <returns>The credentials to store, what became of the token, and the new token when it rotated.</returns>
    public static (CredentialState Next, RefreshTokenLedger.RotationOutcome Outcome, string? Token) Refresh(
        CredentialState current, string refreshToken, long userId, DateTimeOffset now, SignInPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(current);
        var spending = RefreshTokenLedger.Spend(current.SignIn.RefreshTokens, refreshToken, now);
        if (spending.Outcome != RefreshTokenLedger.RotationOutcome.Rotated)
        {
            var next = spending.Records == current.SignIn.RefreshTokens
                ? current
                : current with { SignIn = current.SignIn with { RefreshTokens = spending.Records } };
            return (next, spending.Outcome, null);
        }

        var (rotated, token) = RefreshTokenLedger.Issue(spending.Records, userId, spending.Family, spending.NextGeneration, now, options);
        return (current with { SignIn = current.SignIn with { RefreshTokens = rotated } }, spending.Outcome, token);
    }
}
