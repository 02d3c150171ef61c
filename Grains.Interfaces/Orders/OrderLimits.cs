namespace Shop.Grains.Interfaces.Orders;

/// <summary>
/// The bounds of an order, in one place for the rules that refuse what exceeds them (<c>OrderRules</c>) and for the
/// REST contract that states them (its validation attributes and the OpenAPI document made from them).
/// </summary>
public static class OrderLimits
{
    public const int MaxItems = 100;
    public const int MaxQuantity = 10_000;
    public const int MaxSkuLength = 64;

    /// <summary>In the currency's major unit. An <c>int</c> because attribute arguments cannot be <c>decimal</c>.</summary>
    public const int MaxUnitPrice = 1_000_000;
}
