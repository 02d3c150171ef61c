using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Shop.WebFront.Http.Binding;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>A role to give a user, from a JSON body or a form.</summary>
public sealed record RoleGrant : IBindableFromHttpContext<RoleGrant>
{
    [Required(ErrorMessage = "is required")]
    [MaxLength(50, ErrorMessage = "must be at most 50 characters")]
    [Description("One of: operator.")]
    public required string Role { get; init; }

    public static async ValueTask<RoleGrant?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await RequestBody.BindAsync(context, Read);

    private static RoleGrant Read(BodyFields body) => body.Checked(new RoleGrant
    {
        Role = body.String("role", required: true)!,
    });
}
