using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Orders;

namespace Shop.Domain.Tests;

public sealed class OrderRulesTests
{
    private static OrderItem Item(string sku = "SKU-1", int quantity = 1, decimal price = 1m) =>
        new() { Sku = sku, Quantity = quantity, UnitPrice = price };

    private static PlaceOrder Order(params OrderItem[] items) => InCurrency("EUR", items);

    private static PlaceOrder InCurrency(string currency, params OrderItem[] items) =>
        new() { UserId = 7, Currency = currency, Items = items };

    private static IEnumerable<string> FieldsRefused(PlaceOrder command) =>
        Assert.Throws<DomainException>(() => OrderRules.Validate(command)).Details.Select(d => d.Field);

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
        var tooMany = Enumerable.Range(0, OrderLimits.MaxItems + 1).Select(i => Item($"S{i}")).ToArray();
        Assert.Contains(Assert.Throws<DomainException>(() => OrderRules.Validate(Order(tooMany))).Details, d => d.Field == "items");
    }

    [Theory]
    [InlineData("SKU\u0000")]
    [InlineData("SKU\n1")]
    public void Skus_with_control_characters_are_refused(string sku) =>
        Assert.Contains(
            Assert.Throws<DomainException>(() => OrderRules.Validate(Order(Item(sku)))).Details,
            d => d.Field == "items[0].sku");

    [Theory]
    [InlineData("SKU\u202E1")]
    [InlineData("\uFEFFSKU")]
    [InlineData("SKU\uFFFF")]
    [InlineData("SKU\uE000")]
    [InlineData("SKU\U000E0001")]
    [InlineData("SKU\u200D1")]
    public void Skus_with_formatting_private_use_or_non_characters_are_refused(string sku) =>
        Assert.Contains("items[0].sku", FieldsRefused(Order(Item(sku))));

    [Theory]
    [InlineData("EUR", "0.001")]
    [InlineData("EUR", "1.00001")]
    [InlineData("EUR", "0.0000000000000000000000000001")]
    [InlineData("JPY", "0.5")]
    [InlineData("JPY", "100.1")]
    [InlineData("KWD", "1.0001")]
    public void Prices_finer_than_the_currencys_minor_unit_are_refused(string currency, string price) =>
        Assert.Equal(["items[0].unit_price"], FieldsRefused(InCurrency(currency, Item(price: decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)))));

    [Theory]
    [InlineData("EUR", "19.99")]
    [InlineData("EUR", "19.9900")]
    [InlineData("JPY", "500")]
    [InlineData("JPY", "500.00")]
    [InlineData("KWD", "1.125")]
    [InlineData("CLF", "1.1234")]
    public void Prices_within_the_currencys_minor_unit_pass(string currency, string price) =>
        OrderRules.Validate(InCurrency(currency, Item(price: decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("QQQ")]
    [InlineData("XXX")]
    [InlineData("XAU")]
    [InlineData("HRK")]
    [InlineData("eur")]
    [InlineData("EURO")]
    public void Currencies_that_are_not_active_iso_4217_codes_with_a_minor_unit_are_refused(string currency) =>
        Assert.Equal(["currency"], FieldsRefused(InCurrency(currency, Item())));

    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void Minor_units_follow_iso_4217(string currency, int digits) => Assert.Equal(digits, Currencies.MinorUnit(currency));
}
