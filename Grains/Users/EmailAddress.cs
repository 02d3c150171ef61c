using System.Net.Mail;
using System.Text;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>
/// E-mail rules: the contract's <c>format: email</c>, an RFC 5321 mailbox in ASCII (not RFC 6531's SMTPUTF8: no mail
/// path of ours promises it), whose domain is a host name. One address compares equal to another after trimming,
/// whatever the letter case.
/// </summary>
public static class EmailAddress
{
    // RFC 5321 §4.5.3.1.1 and §4.5.3.1.2.
    public const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;

    private const string Invalid = "must be a valid e-mail address";

    public static bool SameAddress(string a, string b) => EmailKeys.Of(a) == EmailKeys.Of(b);

    public static string? Problem(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "is required";
        }

        var trimmed = email.Trim();
        if (trimmed.Length > UserLimits.EmailMaxLength)
        {
            return $"must be at most {UserLimits.EmailMaxLength} characters";
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return Invalid;
        }

        var (local, domain) = (trimmed[..at], trimmed[(at + 1)..]);
        if (!Ascii.IsValid(local))
        {
            return "must be a valid e-mail address with an ASCII local part (before the @)";
        }

        if (!Ascii.IsValid(domain))
        {
            return "must be a valid e-mail address; write an internationalised domain in its ASCII form (xn--...)";
        }

        if (trimmed.Any(c => c is < '!' or > '~'))
        {
            return Invalid;
        }

        if (local.Length > MaxLocalPartLength)
        {
            return $"must be a valid e-mail address with at most {MaxLocalPartLength} characters before the @";
        }

        // A host name only: an address literal (user@[127.0.0.1]) would let a sign-up aim our mail at any server.
        if (!domain.Split('.').All(IsHostLabel))
        {
            return Invalid;
        }

        var valid = MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed
            && string.IsNullOrEmpty(parsed.DisplayName);
        return valid ? null : Invalid;
    }

    private static bool IsHostLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && label[0] != '-'
        && label[^1] != '-';
}
