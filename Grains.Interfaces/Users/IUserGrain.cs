using Orleans.Concurrency;
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

    /// <summary>The user's orders, newest first; <paramref name="cursor"/> is the previous page's next cursor.</summary>
    [Alias("list-orders")]
    Task<OrderPage> ListOrdersAsync(int limit, long? cursor);
}
