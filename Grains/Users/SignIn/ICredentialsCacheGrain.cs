using Orleans.Concurrency;

namespace Shop.Grains.Users.SignIn;

/// <summary>
/// The credentials grain's side kept off the public contract: the user grain tells it when the user's rows are gone.
/// </summary>
[Alias("shop.ICredentialsCacheGrain")]
public interface ICredentialsCacheGrain : IGrainWithIntegerKey
{
    /// <summary>Drops what the activation holds; the next call reads the row again (and finds none after a delete).</summary>
    [Alias("forget"), OneWay]
    Task ForgetAsync();
}
