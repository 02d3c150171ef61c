using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Validation;

namespace Shop.Grains.Orders;

/// <summary>What a valid order looks like and what it costs. Totals are computed here, never taken from a caller.</summary>
public static class OrderRules
{
    public static void Validate(PlaceOrder command)
    {
        var errors = new FieldErrors();
        if (command.UserId <= 0)
        {
            errors.Add("user_id", "must be a positive integer");
        }

        var minorUnit = command.Currency is null ? null : Currencies.MinorUnit(command.Currency);
        if (minorUnit is null)
        {
            errors.Add("currency", "must be an active ISO 4217 currency code such as EUR");
        }

        if (command.Items is null || command.Items.Count == 0)
        {
            errors.Add("items", "must contain at least one item");
        }
        else if (command.Items.Count > OrderLimits.MaxItems)
        {
            errors.Add("items", $"must contain at most {OrderLimits.MaxItems} items");
        }
        else
        {
            for (var i = 0; i < command.Items.Count; i++)
            {
                CheckItem(command.Items[i], $"items[{i}]", minorUnit, errors);
            }
        }

        errors.ThrowIfAny();
    }

    public static decimal Total(IEnumerable<OrderItem> items) => items.Sum(item => item.Quantity * item.UnitPrice);

    /// <param name="minorUnit">Decimal places the order's currency allows; null when the currency itself is refused.</param>
    private static void CheckItem(OrderItem? item, string path, int? minorUnit, FieldErrors errors)
    {
        if (item is null)
        {
            errors.Add(path, "is required");
            return;
        }

        if (string.IsNullOrWhiteSpace(item.Sku))
        {
            errors.Add($"{path}.sku", "is required");
        }
        else if (item.Sku.Length > OrderLimits.MaxSkuLength)
        {
            errors.Add($"{path}.sku", $"must be at most {OrderLimits.MaxSkuLength} characters");
        }
        else if (TextRules.PlainTextProblem(item.Sku, allowJoiners: false) is { } problem)
        {
            errors.Add($"{path}.sku", problem);
        }

        if (item.Quantity is < 1 or > OrderLimits.MaxQuantity)
        {
            errors.Add($"{path}.quantity", $"must be between 1 and {OrderLimits.MaxQuantity}");
        }

        if (item.UnitPrice is < 0 or > OrderLimits.MaxUnitPrice)
        {
            errors.Add($"{path}.unit_price", $"must be between 0 and {OrderLimits.MaxUnitPrice}");
        }
        else if (minorUnit is { } places && decimal.Round(item.UnitPrice, places) != item.UnitPrice)
        {
            // Refused, never rounded: a price the currency cannot pay is the client's mistake, not ours to guess.
            errors.Add($"{path}.unit_price", $"must have at most {places} decimal places in this currency");
        }
    }
}
