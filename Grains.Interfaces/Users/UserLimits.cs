namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// The bounds of a user's fields, in one place for the rules that refuse what exceeds them and for the REST contract
/// that states them (its validation attributes and the OpenAPI document made from them).
/// </summary>
public static class UserLimits
{
    /// <summary>RFC 5321's longest forward path, less its angle brackets.</summary>
    public const int EmailMaxLength = 254;

    // Counted in code points, as JSON Schema counts the contract's minLength and NIST SP 800-63B counts characters:
    // four emoji are four characters, not the eight UTF-16 units they take.
    public const int PasswordMinLength = 8;

    // Hashing cost grows with length; a cap keeps a single request from burning CPU.
    public const int PasswordMaxLength = 256;

    public const int NameMaxLength = 200;
}
