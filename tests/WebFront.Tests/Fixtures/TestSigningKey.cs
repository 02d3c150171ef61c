using System.Security.Cryptography;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>The access-token signing key every test WebFront is configured with (as production configures its own).</summary>
public static class TestSigningKey
{
    public static readonly string Base64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
