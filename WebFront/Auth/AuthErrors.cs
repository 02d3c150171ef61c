using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Auth;

/// <summary>The refusals of <c>/api/auth/*</c>. Each is one answer for several causes, so it tells an attacker nothing.</summary>
public static class AuthErrors
{
    public const string InvalidCredentialsCode = "INVALID_CREDENTIALS";
    public const string InvalidRefreshTokenCode = "INVALID_REFRESH_TOKEN";

    /// <summary>Unknown e-mail, wrong password and locked account alike: nothing here says whether the account exists.</summary>
    public static ApiError InvalidCredentials() =>
        new(
            StatusCodes.Status401Unauthorized,
            InvalidCredentialsCode,
            "The e-mail address or password is incorrect, or the account is temporarily locked after repeated failures.",
            []);

    /// <summary>Unknown, expired, revoked or already used: the client has to sign in again.</summary>
    public static ApiError InvalidRefreshToken() =>
        new(
            StatusCodes.Status401Unauthorized,
            InvalidRefreshTokenCode,
            "The refresh token is not valid (unknown, expired, revoked or already used); sign in again.",
            []);

    public static ApiError Forbidden(string message) =>
        new(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, message, []);
}
