namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// The one form of an e-mail address under which it is unique and looked up (the <c>users.email_key</c> column, the
/// sign-in throttles): trimmed and upper-cased. Addresses are ASCII (RFC 5321), so this is exact. Here, in the contract,
/// because the front end keys its own limits by it too.
/// </summary>
public static class EmailKeys
{
    public static string Of(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToUpperInvariant();
    }
}
