using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Http.Binding;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>A partial change to a user: members left out (or null) stay as they are.</summary>
public sealed record UserUpdate : IBindableFromHttpContext<UserUpdate>
{
    [MaxLength(UserLimits.NameMaxLength, ErrorMessage = "must be at most {1} characters")]
    [Description(UserCreate.NameRules)]
    public string? Name { get; init; }

    [EmailAddress(ErrorMessage = "must be a valid e-mail address")]
    [MaxLength(UserLimits.EmailMaxLength, ErrorMessage = "must be at most {1} characters")]
    [Description(UserCreate.EmailRules)]
    public string? Email { get; init; }

    [MinCodePoints(UserLimits.PasswordMinLength, ErrorMessage = "must be at least {1} characters")]
    [MaxCodePoints(UserLimits.PasswordMaxLength, ErrorMessage = "must be at most {1} characters")]
    [Description(UserCreate.PasswordRules)]
    public string? Password { get; init; }

    public static async ValueTask<UserUpdate?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await RequestBody.BindAsync(context, Read);

    public UpdateUser ToCommand(long? expectedVersion) =>
        new() { Name = Name, Email = Email, Password = Password, ExpectedVersion = expectedVersion };

    public override string ToString() =>
        $"UserUpdate {{ Name = {Name}, Email = {Email}, Password = {(Password is null ? "unchanged" : "***")} }}";

    private static UserUpdate Read(BodyFields body) => body.Checked(new UserUpdate
    {
        Name = body.String("name"),
        Email = body.String("email"),
        Password = body.String("password"),
    });
}
