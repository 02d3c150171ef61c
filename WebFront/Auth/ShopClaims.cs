using System.Globalization;
using System.Security.Claims;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;

namespace Shop.WebFront.Auth;

/// <summary>The claims an authenticated caller carries, whichever scheme proved them: the user id and the roles.</summary>
public static class ShopClaims
{
    public const string Subject = "sub";
    public const string Role = "role";

    public static ClaimsIdentity IdentityFor(UserView user, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(authenticationType, Subject, Role);
        identity.AddClaim(new Claim(Subject, user.Id.ToString(CultureInfo.InvariantCulture)));
        foreach (var role in user.Roles)
        {
            identity.AddClaim(new Claim(Role, role));
        }

        return identity;
    }

    /// <summary>The signed-in user's id; null for an anonymous caller or a token without a usable subject.</summary>
    public static long? UserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity?.IsAuthenticated == true
            && long.TryParse(principal.FindFirstValue(Subject), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && id > 0
                ? id
                : null;
    }

    public static bool IsOperator(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity?.IsAuthenticated == true && principal.IsInRole(Roles.Operator);
    }
}
