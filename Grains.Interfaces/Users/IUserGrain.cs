using Orleans.Concurrency;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// One user's profile, roles and orders, keyed by its id. New users are made through <see cref="IUserDirectoryGrain"/>,
/// which allocates the id; the password and sign-in are <see cref="IUserCredentialsGrain"/>, under the same id. Every
/// method that changes the user returns only after the change is stored.
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

    /// <summary>
    /// Changes the profile; a new password goes through <see cref="IUserCredentialsGrain.ChangePasswordAsync"/> first,
    /// so it ends every session too.
    /// </summary>
    [Alias("update")]
    Task<UserView> UpdateAsync(UpdateUser command);

    /// <summary>
    /// Deletes the user and its credentials; refused with <c>Conflict</c> while any of their orders is still open.
    /// </summary>
    [Alias("delete")]
    Task DeleteAsync(long? expectedVersion);

    /// <summary>Gives the user a role from <see cref="Roles.All"/>; callers check the granter is an operator.</summary>
    [Alias("grant-role")]
    Task<UserView> GrantRoleAsync(string role);

    /// <summary>The user's orders, newest first; <paramref name="cursor"/> is the previous page's next cursor.</summary>
    [Alias("list-orders")]
    Task<OrderPage> ListOrdersAsync(int limit, long? cursor);
}
