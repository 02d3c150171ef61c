using System.Globalization;
using System.Text;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Email;

/// <summary>The confirmation of a placed order, sent to the user's current address.</summary>
public static class OrderConfirmationEmail
{
    public const string Kind = "order-confirmation";

    public static EmailMessage For(OrderView order, UserView user)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(user);
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Thank you for your order #{order.Id}.\n\n");
        foreach (var item in order.Items)
        {
            body.Append(CultureInfo.InvariantCulture, $"  {item.Quantity} x {item.Sku} at {item.UnitPrice:0.00} {order.Currency}\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"\nTotal: {order.Total:0.00} {order.Currency}\n");
        return new EmailMessage
        {
            To = user.Email,
            ToName = user.Name,
            Subject = string.Create(CultureInfo.InvariantCulture, $"Your order #{order.Id}"),
            TextBody = body.ToString(),
            Kind = Kind,
            Key = order.Id,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"{Kind}.{order.Id}@shop"),
        };
    }
}
