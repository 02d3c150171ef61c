using System.Globalization;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>From the grains' views to what the API shows.</summary>
public static class ContractMapping
{
    public static User ToContract(this UserView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new()
        {
            Id = view.Id,
            Email = view.Email,
            Name = view.Name,
            CreatedAt = view.CreatedAt,
            UpdatedAt = view.UpdatedAt,
        };
    }

    public static Order ToContract(this OrderView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new()
        {
            Id = view.Id,
            UserId = view.UserId,
            Items = [.. view.Items.Select(OrderLine.From)],
            Total = view.Total,
            Currency = view.Currency,
            Status = view.Status,
            CreatedAt = view.CreatedAt,
            UpdatedAt = view.UpdatedAt,
        };
    }

    public static OrderList ToContract(this OrderPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new()
        {
            Items = [.. page.Items.Select(ToContract)],
            NextCursor = page.NextCursor?.ToString(CultureInfo.InvariantCulture),
        };
    }
}
