namespace Shop.Grains.Interfaces.Orders;

/// <summary>Places new orders: allocates the id and hands the order to its grain. Call it with key 0.</summary>
[Alias("shop.IOrderDirectoryGrain")]
public interface IOrderDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Fails with <c>NotFound</c> when the user does not exist and <c>Validation</c> for bad items.</summary>
    [Alias("place")]
    Task<OrderView> PlaceOrderAsync(PlaceOrder command);
}
