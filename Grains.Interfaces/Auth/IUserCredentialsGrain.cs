using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Interfaces.Auth;

/// <summary>
/// One user's password and sign-in bookkeeping (lockout counters, known clients, refresh sessions), keyed by the
/// user's id; the profile is <see cref="IUserGrain"/>. Every method that changes the credentials returns only after
/// the change is stored. A user that does not exist (or no longer does) has no credentials: its checks fail.
/// </summary>
[Alias("shop.IUserCredentialsGrain")]
public interface IUserCredentialsGrain : IGrainWithIntegerKey
{
    [Alias("verify-password")]
    Task<bool> VerifyPasswordAsync(string password);

    /// <summary>
    /// Checks the password under the account's lock (after many failures from anywhere it refuses every client that
    /// has not signed in to it before) and, on success, issues a refresh token. <paramref name="client"/> names the
    /// caller's client (its IP address for the REST API). Prefer <see cref="IUserDirectoryGrain.SignInAsync"/>, which
    /// also slows down and locks out one client's repeated failures and hides whether the e-mail exists.
    /// </summary>
    [Alias("sign-in-from")]
    Task<SignInResult> SignInAsync(string password, string client);

    /// <summary><see cref="SignInAsync"/> without issuing a refresh token (see <see cref="IUserDirectoryGrain.CheckCredentialsAsync"/>).</summary>
    [Alias("check-credentials-from")]
    Task<SignInResult> CheckCredentialsAsync(string password, string client);

    /// <summary>Lifts the account's sign-in lock; callers check the caller is an operator.</summary>
    /// <returns>The user, unchanged: the lock is not part of the profile or its version.</returns>
    [Alias("unlock")]
    Task<UserView> UnlockAsync();

    /// <summary>
    /// Rotates a refresh token: the old one is spent, a new one of the same family is returned. Presenting a spent
    /// token again revokes its whole family (a stolen token was used) and returns null, as does any unknown token.
    /// </summary>
    [Alias("refresh")]
    Task<TokenRefresh?> RefreshAsync(string refreshToken);

    /// <summary>Revokes the refresh token's family (sign-out). Unknown tokens are ignored.</summary>
    [Alias("revoke-refresh")]
    Task RevokeRefreshTokenAsync(string refreshToken);

    /// <summary>
    /// Sets a new password and ends every session (all refresh tokens are revoked, the lock and the known clients are
    /// forgotten). <see cref="IUserGrain.UpdateAsync"/> with a password calls this; callers check the caller may.
    /// </summary>
    [Alias("change-password")]
    Task ChangePasswordAsync(string password);
}
