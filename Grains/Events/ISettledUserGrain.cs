using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Events;

/// <summary>
/// A read of a user that queues behind the change the grain is making, unlike <see cref="IUserGrain.GetAsync"/>.
/// Consumers of <c>UserCreated</c> use it: the event is published before the user is stored, so an interleaving read
/// could still see no user although the store is about to succeed; this one sees the outcome.
/// </summary>
[Alias("shop.ISettledUserGrain")]
public interface ISettledUserGrain : IGrainWithIntegerKey
{
    /// <returns>The user, or null when there is none with this id.</returns>
    [Alias("get-settled")]
    Task<UserView?> GetSettledAsync();
}
