using Orleans.Concurrency;
using Shop.Grains.Identity;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Users.EmailClaims;
using Shop.Grains.Users.SignIn;

namespace Shop.Grains.Users;

/// <summary>Stateless, one per silo on demand: creates users under fresh ids and resolves e-mail addresses.</summary>
// Reentrant: it keeps no state between calls, so one slow create (password hashing, a write) never queues the rest.
[StatelessWorker, Reentrant]
public sealed class UserDirectoryGrain(IdAllocator ids, SignInDecoy decoy) : Grain, IUserDirectoryGrain
{
    async Task<UserView> IUserDirectoryGrain.CreateUserAsync(CreateUser command)
    {
        // Validate before spending an id, so bad input costs nothing.
        UserRules.Validate(command);
        var id = await ids.NextAsync();
        return await GrainFactory.GetGrain<IUserGrain>(id).CreateAsync(command);
    }

    async Task<SignInResult> IUserDirectoryGrain.SignInAsync(string email, string password)
    {
        var user = await FindAsync(email);
        if (user is null)
        {
            decoy.Verify(password ?? "");
            return SignInResult.Failed;
        }

        return await GrainFactory.GetGrain<IUserGrain>(user.Id).SignInAsync(password);
    }

    async Task<SignInResult> IUserDirectoryGrain.CheckCredentialsAsync(string email, string password)
    {
        var user = await FindAsync(email);
        if (user is null)
        {
            decoy.Verify(password ?? "");
            return SignInResult.Failed;
        }

        return await GrainFactory.GetGrain<IUserGrain>(user.Id).CheckCredentialsAsync(password);
    }

    Task<UserView?> IUserDirectoryGrain.FindByEmailAsync(string email) => FindAsync(email);

    private async Task<UserView?> FindAsync(string email)
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
