using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Orders;

namespace Shop.Domain.Tests;

public sealed class OrderRulesTests
{
    private static OrderItem Item(string sku = "SKU-1", int quantity = 1, decimal price = 1m) =>
        new() { Sku = sku, Quantity = quantity, UnitPrice = price };

    private static PlaceOrder Order(params OrderItem[] items) =>
        new() { UserId = 7, Currency = "EUR", Items = items };

    [Fact]
    public void The_total_is_the_exact_decimal_sum_of_quantity_times_price()
    {
        var total = OrderRules.Total([Item(quantity: 3, price: 0.1m), Item(quantity: 1, price: 0.2m), Item(quantity: 2, price: 19.99m)]);
        Assert.Equal(40.48m, total);
    }

    [Fact]
    public void A_valid_order_passes() => OrderRules.Validate(Order(Item(), Item("SKU-2", 2, 0m)));

    [Theory]
    [InlineData(0, 1.0, "items[0].quantity")]
    [InlineData(-1, 1.0, "items[0].quantity")]
    [InlineData(10_001, 1.0, "items[0].quantity")]
    [InlineData(1, -0.01, "items[0].unit_price")]
    [InlineData(1, 1_000_000.01, "items[0].unit_price")]
    public void Bad_quantities_and_prices_are_refused(int quantity, double price, string field)
    {
        var error = Assert.Throws<DomainException>(() => OrderRules.Validate(Order(Item(quantity: quantity, price: (decimal)price))));
        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Contains(error.Details, d => d.Field == field);
    }

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var command = new PlaceOrder { UserId = 0, Currency = "euro", Items = [Item(sku: "", quantity: 0, price: -1m)] };
        var error = Assert.Throws<DomainException>(() => OrderRules.Validate(command));
        Assert.Equal(
            ["currency", "items[0].quantity", "items[0].sku", "items[0].unit_price", "user_id"],
            error.Details.Select(d => d.Field).Order().ToArray());
    }

    [Fact]
    public void An_order_needs_items_but_not_too_many()
    {
        Assert.Contains(Assert.Throws<DomainException>(() => OrderRules.Validate(Order())).Details, d => d.Field == "items");
        var tooMany = Enumerable.Range(0, OrderRules.MaxItems + 1).Select(i => Item($"S{i}")).ToArray();
        Assert.Contains(Assert.Throws<DomainException>(() => OrderRules.Validate(Order(tooMany))).Details, d => d.Field == "items");
    }

    [Theory]
    [InlineData("SKU\u0000")]
    [InlineData("SKU\n1")]
    public void Skus_with_control_characters_are_refused(string sku) =>
        Assert.Contains(
            Assert.Throws<DomainException>(() => OrderRules.Validate(Order(Item(sku)))).Details,
            d => d.Field == "items[0].sku");

    [Fact]
    public void Prices_with_more_than_four_decimals_are_refused() =>
        Assert.Contains(
            Assert.Throws<DomainException>(() => OrderRules.Validate(Order(Item(price: 1.00001m)))).Details,
            d => d.Field == "items[0].unit_price");
}
