using Orleans.Concurrency;
using Shop.Grains.Identity;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Users.SignIn;

namespace Shop.Grains.Users;

/// <summary>Stateless, one per silo on demand: creates users under fresh ids and resolves e-mail addresses.</summary>
// Reentrant: it keeps no state between calls, so one slow create (password hashing, a write) never queues the rest.
[StatelessWorker, Reentrant]
public sealed class UserDirectoryGrain(IdAllocator ids, IUserStore users, SignInDecoy decoy, TimeProvider clock) : Grain, IUserDirectoryGrain
{
    async Task<UserView> IUserDirectoryGrain.CreateUserAsync(CreateUser command)
    {
        // Validate before spending an id, so bad input costs nothing.
        UserRules.Validate(command);
        var id = await ids.NextAsync();
        return await GrainFactory.GetGrain<IUserGrain>(id).CreateAsync(command);
    }

    Task<SignInResult> IUserDirectoryGrain.SignInAsync(string email, string password, string client) =>
        CheckAsync(email, password, client, (credentials, c) => credentials.SignInAsync(password, c));

    Task<SignInResult> IUserDirectoryGrain.CheckCredentialsAsync(string email, string password, string client) =>
        CheckAsync(email, password, client, (credentials, c) => credentials.CheckCredentialsAsync(password, c));

    private async Task<SignInResult> CheckAsync(
        string email, string password, string client, Func<IUserCredentialsGrain, string, Task<SignInResult>> check)
    {
        var throttle = GrainFactory.GetGrain<ISignInThrottleGrain>(SignInLockout.ThrottleKey(client, email ?? ""));
        var delay = await throttle.AdmitAsync();
        if (delay is null)
        {
            decoy.Verify(password ?? "");
            return new SignInResult { Outcome = SignInOutcome.LockedOut };
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay.Value, clock);
        }

        var user = await FindAsync(email ?? "");
        if (user is null)
        {
            decoy.Verify(password ?? "");
            return SignInResult.Failed;
        }

        var result = await check(GrainFactory.GetGrain<IUserCredentialsGrain>(user.Id), client);
        if (result.Outcome == SignInOutcome.Succeeded)
        {
            await throttle.RecordSuccessAsync();
        }

        return result;
    }

    Task<UserView?> IUserDirectoryGrain.FindByEmailAsync(string email) => FindAsync(email);

    private async Task<UserView?> FindAsync(string email)
    {
        if (EmailAddress.Problem(email) is not null)
        {
            return null;
        }

        if (await users.FindIdByEmailAsync(EmailKeys.Of(email)) is not { } userId)
        {
            return null;
        }

        // The row may have moved on since (a change of address, a delete): the user grain's view decides.
        var user = await GrainFactory.GetGrain<IUserGrain>(userId).GetAsync();
        return user is not null && EmailAddress.SameAddress(user.Email, email) ? user : null;
    }
}
