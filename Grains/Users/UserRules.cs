using Shop.Grains.Interfaces.Users;
using Shop.Grains.Validation;

namespace Shop.Grains.Users;

/// <summary>What a valid user looks like, checked before anything is stored or hashed.</summary>
public static class UserRules
{
    // Counted in code points, as JSON Schema counts the contract's minLength and NIST SP 800-63B counts characters:
    // four emoji are four characters, not the eight UTF-16 units they take.
    public const int PasswordMinLength = 8;

    // Hashing cost grows with length; a cap keeps a single request from burning CPU.
    public const int PasswordMaxLength = 256;

    public const int NameMaxLength = 200;

    public static void Validate(CreateUser command)
    {
        var errors = new FieldErrors();
        CheckEmail(command.Email, errors);
        CheckPassword(command.Password, errors);
        CheckName(command.Name, errors);
        errors.ThrowIfAny();
    }

    public static void Validate(UpdateUser command)
    {
        var errors = new FieldErrors();
        if (command.Email is not null)
        {
            CheckEmail(command.Email, errors);
        }

        if (command.Password is not null)
        {
            CheckPassword(command.Password, errors);
        }

        CheckName(command.Name, errors);
        errors.ThrowIfAny();
    }

    private static void CheckEmail(string? email, FieldErrors errors)
    {
        if (EmailAddress.Problem(email) is { } problem)
        {
            errors.Add("email", problem);
        }
    }

    private static void CheckPassword(string? password, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "is required");
        }
        else if (TextRules.ScalarCount(password) < PasswordMinLength)
        {
            errors.Add("password", $"must be at least {PasswordMinLength} characters");
        }
        else if (TextRules.ScalarCount(password) > PasswordMaxLength)
        {
            errors.Add("password", $"must be at most {PasswordMaxLength} characters");
        }
        else if (TextRules.HasControlCharacters(password))
        {
            // A NUL or an escape cannot be typed at a sign-in prompt, and some clients cut strings at a NUL.
            errors.Add("password", "must not contain control characters");
        }
    }

    private static void CheckName(string? name, FieldErrors errors)
    {
        if (name is null)
        {
            return;
        }

        if (name.Length > NameMaxLength)
        {
            errors.Add("name", $"must be at most {NameMaxLength} characters");
        }
        else if (TextRules.PlainTextProblem(name, allowJoiners: true) is { } problem)
        {
            errors.Add("name", problem);
        }
    }
}
