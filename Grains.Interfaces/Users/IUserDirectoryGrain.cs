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
}
