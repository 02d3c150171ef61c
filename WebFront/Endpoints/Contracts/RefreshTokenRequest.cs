using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Shop.WebFront.Http.Binding;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>A refresh token to rotate or revoke, from a JSON body or a form.</summary>
public sealed record RefreshTokenRequest : IBindableFromHttpContext<RefreshTokenRequest>
{
    [Required(ErrorMessage = "is required")]
    [MaxLength(200, ErrorMessage = "must be at most 200 characters")]
    public required string RefreshToken { get; init; }

    public static async ValueTask<RefreshTokenRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await RequestBody.BindAsync(context, Read);

    public override string ToString() => "RefreshTokenRequest { RefreshToken = *** }";

    private static RefreshTokenRequest Read(BodyFields body) => body.Checked(new RefreshTokenRequest
    {
        RefreshToken = body.String("refresh_token", required: true)!,
    });
}
