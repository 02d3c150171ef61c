namespace Shop.Grains.Email;

/// <summary>The welcome mail of one user (keyed by user id); fed by <c>UserCreated</c> through an implicit subscription.</summary>
[Alias("shop.IWelcomeEmailGrain")]
public interface IWelcomeEmailGrain : IGrainWithIntegerKey
{
    /// <returns>When the welcome mail went out, or null when it has not.</returns>
    [Alias("sent-at")]
    Task<DateTimeOffset?> GetSentAtAsync();
}
