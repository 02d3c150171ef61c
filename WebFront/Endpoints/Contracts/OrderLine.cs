using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Shop.Grains.Interfaces.Orders;
using Shop.WebFront.Http.Binding;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>One line of an order: what, how many, at what unit price.</summary>
public sealed record OrderLine
{
    [Required(ErrorMessage = "is required")]
    [MaxLength(OrderLimits.MaxSkuLength, ErrorMessage = "must be at most {1} characters")]
    [Description("Visible characters only: no control, formatting (bidi, BOM, tags, joiners), private-use or unassigned code points.")]
    public required string Sku { get; init; }

    [Range(1, OrderLimits.MaxQuantity, ErrorMessage = "must be between {1} and {2}")]
    public required int Quantity { get; init; }

    [Description(Money.Description)]
    [DecimalRange(0, OrderLimits.MaxUnitPrice, ErrorMessage = "must be between {1} and {2}")]
    public required decimal UnitPrice { get; init; }

    public static OrderLine From(OrderItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new() { Sku = item.Sku, Quantity = item.Quantity, UnitPrice = item.UnitPrice };
    }

    public OrderItem ToItem() => new() { Sku = Sku, Quantity = Quantity, UnitPrice = UnitPrice };

    internal static OrderLine Read(BodyFields body) => body.Checked(new OrderLine
    {
        Sku = body.String("sku", required: true)!,
        Quantity = body.Int32("quantity", required: true) ?? 1,
        UnitPrice = body.Decimal("unit_price", required: true) ?? 0,
    });
}
