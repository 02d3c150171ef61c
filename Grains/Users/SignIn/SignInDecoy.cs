using Microsoft.AspNetCore.Identity;

namespace Shop.Grains.Users.SignIn;

/// <summary>
/// Spends the same hashing work as a real password check when the e-mail is unknown, so response time does not
/// tell an attacker which addresses have accounts.
/// </summary>
public sealed class SignInDecoy(IPasswordHasher<CredentialState> hasher)
{
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(new CredentialState(), Convert.ToHexString(Guid.NewGuid().ToByteArray())));

    public void Verify(string password) => hasher.VerifyHashedPassword(new CredentialState(), _hash.Value, password);
}
