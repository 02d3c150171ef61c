using Orleans.Concurrency;
using Shop.Grains.Identity;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Users.EmailClaims;

namespace Shop.Grains.Users;

/// <summary>Stateless, one per silo on demand: creates users under fresh ids and resolves e-mail addresses.</summary>
[StatelessWorker]
public sealed class UserDirectoryGrain(IdAllocator ids) : Grain, IUserDirectoryGrain
{
    async Task<UserView> IUserDirectoryGrain.CreateUserAsync(CreateUser command)
    {
        // Validate before spending an id, so bad input costs nothing.
        UserRules.Validate(command);
        var id = await ids.NextAsync();
        return await GrainFactory.GetGrain<IUserGrain>(id).CreateAsync(command);
    }

    async Task<UserView?> IUserDirectoryGrain.FindByEmailAsync(string email)
    {
        if (EmailAddress.Problem(email) is not null)
        {
            return null;
        }

        var owner = await GrainFactory.GetGrain<IEmailClaimGrain>(EmailAddress.Normalize(email)).GetOwnerAsync();
        if (owner is not { } userId)
        {
            return null;
        }

        // A claim can outlive a crashed sign-up or precede a store still in flight: only the user decides.
        var user = await GrainFactory.GetGrain<IUserGrain>(userId).GetAsync();
        return user is not null && EmailAddress.SameAddress(user.Email, email) ? user : null;
    }
}
