namespace Shop.Grains.Email;

/// <summary>The confirmation mail of one order (keyed by order id); fed by <c>OrderPlaced</c> through an implicit subscription.</summary>
[Alias("shop.IOrderConfirmationEmailGrain")]
public interface IOrderConfirmationEmailGrain : IGrainWithIntegerKey
{
    /// <returns>When the confirmation went out, or null when it has not.</returns>
    [Alias("sent-at")]
    Task<DateTimeOffset?> GetSentAtAsync();
}
