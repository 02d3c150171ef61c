using Shop.Grains.Interfaces.Auth;

namespace Shop.Grains.Interfaces.Users;

/// <summary>The entry point for operations that are not about one known user id. Call it with key 0.</summary>
[Alias("shop.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Allocates an id and creates the user; fails with <c>EmailTaken</c> when the e-mail is in use.</summary>
    [Alias("create")]
    Task<UserView> CreateUserAsync(CreateUser command);

    /// <summary>Finds a user by e-mail, compared case-insensitively after trimming.</summary>
    [Alias("find-by-email")]
    Task<UserView?> FindByEmailAsync(string email);

    /// <summary>
    /// Signs in by e-mail and password from <paramref name="client"/> (the REST API passes the client's IP address).
    /// Repeated failures of one client at one address are slowed down and then refused for a while; an unknown e-mail
    /// gets exactly that treatment, the same hashing work and the same <see cref="SignInOutcome.Failed"/> as a wrong
    /// password, so neither the answer nor its timing tells whether an account exists.
    /// </summary>
    [Alias("sign-in-from")]
    Task<SignInResult> SignInAsync(string email, string password, string client);

    /// <summary>
    /// <see cref="SignInAsync"/> without issuing a refresh token: for credentials sent with every request (HTTP
    /// Basic), which must count towards the lockout but must not start a new session each time.
    /// </summary>
    [Alias("check-credentials-from")]
    Task<SignInResult> CheckCredentialsAsync(string email, string password, string client);
}
