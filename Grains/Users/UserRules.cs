using Shop.Grains.Interfaces.Users;
using Shop.Grains.Validation;

namespace Shop.Grains.Users;

/// <summary>What a valid user looks like, checked before anything is stored or hashed.</summary>
public static class UserRules
{
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

    /// <summary>A new password on its own (<see cref="SignIn.UserCredentialsGrain"/> is called by other services too).</summary>
    public static void ValidatePassword(string? password)
    {
        var errors = new FieldErrors();
        CheckPassword(password, errors);
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
        else if (TextRules.ScalarCount(password) < UserLimits.PasswordMinLength)
        {
            errors.Add("password", $"must be at least {UserLimits.PasswordMinLength} characters");
        }
        else if (TextRules.ScalarCount(password) > UserLimits.PasswordMaxLength)
        {
            errors.Add("password", $"must be at most {UserLimits.PasswordMaxLength} characters");
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

        if (name.Length > UserLimits.NameMaxLength)
        {
            errors.Add("name", $"must be at most {UserLimits.NameMaxLength} characters");
        }
        else if (TextRules.PlainTextProblem(name, allowJoiners: true) is { } problem)
        {
            errors.Add("name", problem);
        }
    }
}
