namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>What the document says of every amount, written once so the price and the total cannot drift apart.</summary>
internal static class Money
{
    // Grains/Orders/Currencies.cs holds the minor units and OrderRules refuses a finer price; this states that rule.
    public const string Description =
        "A decimal amount in the currency's major unit, exact (no binary floating point on the way: JSON number in and out, "
        + "decimal in the grains, numeric in PostgreSQL), with at most the currency's ISO 4217 minor-unit digits after the "
        + "point: 2 for EUR, 0 for JPY, 3 for KWD. A price with more digits is refused with 400 VALIDATION_ERROR naming the "
        + "field (items[i].unit_price), never rounded.";
}
