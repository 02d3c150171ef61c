using System.Globalization;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Email;

/// <summary>The welcome mail, written for the user as they are when it is sent (current address and name).</summary>
public static class WelcomeEmail
{
    public const string Kind = "welcome";

    public static EmailMessage For(UserView user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var greeting = string.IsNullOrWhiteSpace(user.Name) ? "Welcome!" : $"Welcome, {user.Name}!";
        return new EmailMessage
        {
            To = user.Email,
            ToName = user.Name,
            Subject = "Welcome to the shop",
            TextBody = $"{greeting}\n\nYour account is ready. Sign in with {user.Email} to place your first order.\n",
            Kind = Kind,
            Key = user.Id,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"{Kind}.{user.Id}@shop"),
        };
    }
}
