using System.Net.Mail;
using Shop.Grains.Validation;

namespace Shop.Grains.Users;

/// <summary>E-mail rules: one address compares equal to another after trimming, whatever the letter case.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public static bool SameAddress(string a, string b) => Normalize(a) == Normalize(b);

    public static string? Problem(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "is required";
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        if (TextRules.HasControlCharacters(trimmed) || trimmed.Any(char.IsWhiteSpace))
        {
            return "must be a valid e-mail address";
        }

        var at = trimmed.LastIndexOf('@');
        var valid = at > 0
            && at < trimmed.Length - 1
            && MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed
            && string.IsNullOrEmpty(parsed.DisplayName);
        return valid ? null : "must be a valid e-mail address";
    }
}
