using System.Security.Claims;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Auth;

/// <summary>
/// Who may touch a user's resources (the user and their orders). Someone else's resource answers 404, exactly as
/// a missing one, so ids cannot be probed for existence; only an operator, who may read everything anyway, is told
/// 403 when a change is reserved to the owner.
/// </summary>
public static class ResourceAccess
{
    /// <summary>The owner and operators may read.</summary>
    public static void EnsureMayRead(ClaimsPrincipal caller, long ownerId, string what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId() != ownerId && !caller.IsOperator())
        {
            throw new ApiErrorException(ApiErrors.NotFound(what));
        }
    }

    /// <summary>Only the owner may change (or, for orders, pay and cancel).</summary>
    public static void EnsureOwner(ClaimsPrincipal caller, long ownerId, string what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId() == ownerId)
        {
            return;
        }

        throw new ApiErrorException(caller.IsOperator()
            ? AuthErrors.Forbidden($"Only the owner may do this to the {what.ToLowerInvariant()}.")
            : ApiErrors.NotFound(what));
    }

    /// <summary>The signed-in user's id; endpoints that call this require an authenticated caller.</summary>
    public static long CallerId(this ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.UserId() ?? throw new ApiErrorException(
            new ApiError(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Authentication is required.", []));
    }
}
