using Orleans.Concurrency;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// One user, keyed by its id. New users are made through <see cref="IUserDirectoryGrain"/>, which allocates the id.
/// Every method that changes the user returns only after the change is stored.
/// </summary>
[Alias("shop.IUserGrain")]
public interface IUserGrain : IGrainWithIntegerKey
{
    [Alias("create")]
    Task<UserView> CreateAsync(CreateUser command);

    /// <returns>The user, or null when there is none with this id.</returns>
    /// <remarks>Interleaves: a read never waits behind a write, and sees only stored changes.</remarks>
    [Alias("get"), AlwaysInterleave]
    Task<UserView?> GetAsync();

    [Alias("update")]
    Task<UserView> UpdateAsync(UpdateUser command);

    /// <summary>Deletes the user; refused with <c>Conflict</c> while any of their orders is still open.</summary>
    [Alias("delete")]
    Task DeleteAsync(long? expectedVersion);

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

    /// <summary>Gives the user a role from <see cref="Roles.All"/>; callers check the granter is an operator.</summary>
    [Alias("grant-role")]
    Task<UserView> GrantRoleAsync(string role);

    /// <summary>The user's orders, newest first; <paramref name="cursor"/> is the previous page's next cursor.</summary>
    [Alias("list-orders")]
    Task<OrderPage> ListOrdersAsync(int limit, long? cursor);
}
