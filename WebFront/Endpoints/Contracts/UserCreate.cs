using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Http.Binding;
using Shop.WebFront.Idempotency;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>The seed's UserCreate schema, from a JSON body or a form.</summary>
public sealed record UserCreate : IBindableFromHttpContext<UserCreate>, ICarriesSecret
{
    // The grains' rules (UserRules, EmailAddress) as the contract tells them; UserUpdate shows the same.
    internal const string EmailRules =
        "An ASCII mailbox (RFC 5321): at most 64 characters before the @, a host name after it (internationalised domains as xn--), no address literals.";

    internal const string PasswordRules = "Counted in Unicode code points; no control characters.";

    internal const string NameRules =
        "Visible characters only: no control, formatting (bidi, BOM, tags; the joiners U+200C/U+200D are allowed), private-use or unassigned code points.";

    [Required(ErrorMessage = "is required")]
    [EmailAddress(ErrorMessage = "must be a valid e-mail address")]
    [MaxLength(UserLimits.EmailMaxLength, ErrorMessage = "must be at most {1} characters")]
    [Description(EmailRules)]
    public required string Email { get; init; }

    [Required(ErrorMessage = "is required")]
    [MinCodePoints(UserLimits.PasswordMinLength, ErrorMessage = "must be at least {1} characters")]
    [MaxCodePoints(UserLimits.PasswordMaxLength, ErrorMessage = "must be at most {1} characters")]
    [Description(PasswordRules)]
    public required string Password { get; init; }

    [MaxLength(UserLimits.NameMaxLength, ErrorMessage = "must be at most {1} characters")]
    [Description(NameRules)]
    public string? Name { get; init; }

    public static async ValueTask<UserCreate?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await RequestBody.BindAsync(context, Read);

    public CreateUser ToCommand() => new() { Email = Email, Password = Password, Name = Name };

    // The generated record ToString would print the password into any log that formats this object.
    public override string ToString() => $"UserCreate {{ Email = {Email}, Name = {Name} }}";

    private static UserCreate Read(BodyFields body) => body.Checked(new UserCreate
    {
        Email = body.String("email", required: true)!,
        Password = body.String("password", required: true)!,
        Name = body.String("name"),
    });
}
