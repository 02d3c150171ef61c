namespace Shop.Grains.Users;

/// <summary>
/// The user grain's side of placing an order, kept off the public contract: the user grain is where a new order and
/// a delete of its user meet, so one of them always sees the other.
/// </summary>
[Alias("shop.IUserOrderLedgerGrain")]
public interface IUserOrderLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>Records that <paramref name="orderId"/> belongs to this user; fails with NotFound when there is no user.</summary>
    [Alias("attach")]
    Task AttachOrderAsync(long orderId);
}
