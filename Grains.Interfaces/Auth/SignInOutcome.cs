namespace Shop.Grains.Interfaces.Auth;

[GenerateSerializer, Alias("shop.sign-in-outcome.v1")]
public enum SignInOutcome
{
    Succeeded = 0,

    /// <summary>Wrong e-mail or wrong password: deliberately the same answer for both.</summary>
    Failed = 1,

    /// <summary>Too many recent failures; the account refuses sign-ins until <see cref="SignInResult.RetryAfter"/> passes.</summary>
    LockedOut = 2,
}
