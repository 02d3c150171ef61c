using Shop.Grains.Interfaces.Users;

namespace Shop.Email.Tests;

internal static class NewUsers
{
    /// <summary>A sign-up with an address no other test uses.</summary>
    public static CreateUser Named(string prefix) =>
        new() { Email = $"{prefix}-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" };
}
