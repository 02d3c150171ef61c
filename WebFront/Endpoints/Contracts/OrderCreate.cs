using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Shop.Grains.Interfaces.Orders;
using Shop.WebFront.Http.Binding;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>A new order. There is no total: the server computes it from the items.</summary>
public sealed record OrderCreate : IBindableFromHttpContext<OrderCreate>
{
    [Range(typeof(long), "1", "9223372036854775807", ErrorMessage = "must be a positive integer", ParseLimitsInInvariantCulture = true)]
    [Description("Whose order it is; the signed-in user when left out (anyone else's id is refused with 403).")]
    public long? UserId { get; init; }

    [Required(ErrorMessage = "is required")]
    [MinLength(1, ErrorMessage = "must contain at least one item")]
    [MaxLength(OrderLimits.MaxItems, ErrorMessage = "must contain at most {1} items")]
    public required IReadOnlyList<OrderLine> Items { get; init; }

    [Required(ErrorMessage = "is required")]
    [Description("An active ISO 4217 code such as EUR (letter case and surrounding spaces are ignored); codes without a minor unit (XAU, XXX) are refused.")]
    public required string Currency { get; init; }

    public static async ValueTask<OrderCreate?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await RequestBody.BindAsync(context, Read);

    public PlaceOrder ToCommand(long userId) => new() { UserId = userId, Items = [.. Items.Select(i => i.ToItem())], Currency = Currency };

    private static OrderCreate Read(BodyFields body) => body.Checked(new OrderCreate
    {
        // Placeholders for fields that failed to read are never used: the failure ends the request.
        UserId = body.Int64("user_id", required: false),
        Items = body.Objects("items", OrderLine.Read, required: true)!,
        Currency = body.String("currency", required: true)!,
    });
}
