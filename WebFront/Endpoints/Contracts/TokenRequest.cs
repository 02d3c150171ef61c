using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Http.Binding;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>Sign-in with e-mail and password, from a JSON body or a form.</summary>
public sealed record TokenRequest : IBindableFromHttpContext<TokenRequest>
{
    [Required(ErrorMessage = "is required")]
    [MaxLength(UserLimits.EmailMaxLength, ErrorMessage = "must be at most {1} characters")]
    public required string Email { get; init; }

    [Required(ErrorMessage = "is required")]
    [MaxLength(UserLimits.PasswordMaxLength, ErrorMessage = "must be at most {1} characters")]
    public required string Password { get; init; }

    public static async ValueTask<TokenRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await RequestBody.BindAsync(context, Read);

    // The generated record ToString would print the password into any log that formats this object.
    public override string ToString() => $"TokenRequest {{ Email = {Email} }}";

    private static TokenRequest Read(BodyFields body) => body.Checked(new TokenRequest
    {
        Email = body.String("email", required: true)!,
        Password = body.String("password", required: true)!,
    });
}
