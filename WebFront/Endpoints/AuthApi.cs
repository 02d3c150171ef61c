using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Auth;
using Shop.WebFront.Endpoints.Contracts;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Http.Security;

namespace Shop.WebFront.Endpoints;

/// <summary>/api/auth: sign in for tokens, rotate the refresh token, sign out. Public, under a stricter rate limit.</summary>
public static class AuthApi
{
    public const string TokenType = "Bearer";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth")
            .WithTags("Auth")
            .AllowAnonymous()
            .RequireRateLimiting(AuthRateLimitPolicy.Name)
            .ProducesCommonErrors();

        auth.MapPost("/token", IssueToken)
            .WithName("IssueToken")
            .WithSummary("Sign in with e-mail and password")
            .WithDescription(
                "Returns a short-lived access token and a single-use refresh token. An unknown e-mail, a wrong password and " +
                "a temporarily locked account all get the same 401 INVALID_CREDENTIALS, so the answer never tells whether an account exists.")
            .AcceptsJsonOrForm<TokenRequest>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status401Unauthorized);

        auth.MapPost("/refresh", RefreshToken)
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for new tokens")
            .WithDescription(
                "The refresh token is spent and a new one returned. Presenting a spent refresh token again ends that whole " +
                "session (all its refresh tokens), as it means the token was copied.")
            .AcceptsJsonOrForm<RefreshTokenRequest>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status401Unauthorized);

        auth.MapPost("/logout", Logout)
            .WithName("Logout")
            .WithSummary("Sign out: revoke a refresh token and its session")
            .WithDescription("Answers 204 whether or not the token was known. Access tokens already issued stay valid until they expire.")
            .AcceptsJsonOrForm<RefreshTokenRequest>()
            .ProducesBodyErrors();

        return app;
    }

    public static async Task<Ok<TokenResponse>> IssueToken(
        TokenRequest body, HttpResponse response, IGrainFactory grains, AccessTokenIssuer issuer)
    {
        var result = await grains.GetGrain<IUserDirectoryGrain>(0)
            .SignInAsync(body.Email, body.Password, ClientRateLimiter.ClientKey(response.HttpContext));
        if (result is not { Outcome: SignInOutcome.Succeeded, User: { } user, RefreshToken: { } refreshToken })
        {
            throw new ApiErrorException(AuthErrors.InvalidCredentials());
        }

        return Tokens(response, issuer.Issue(user), refreshToken);
    }

    public static async Task<Ok<TokenResponse>> RefreshToken(
        RefreshTokenRequest body, HttpResponse response, IGrainFactory grains, AccessTokenIssuer issuer)
    {
        if (!RefreshTokenFormat.TryGetUserId(body.RefreshToken, out var userId))
        {
            throw new ApiErrorException(AuthErrors.InvalidRefreshToken());
        }

        var refreshed = await grains.GetGrain<IUserCredentialsGrain>(userId).RefreshAsync(body.RefreshToken);
        return refreshed is null
            ? throw new ApiErrorException(AuthErrors.InvalidRefreshToken())
            : Tokens(response, issuer.Issue(refreshed.User), refreshed.RefreshToken);
    }

    public static async Task<NoContent> Logout(RefreshTokenRequest body, IGrainFactory grains)
    {
        if (RefreshTokenFormat.TryGetUserId(body.RefreshToken, out var userId))
        {
            await grains.GetGrain<IUserCredentialsGrain>(userId).RevokeRefreshTokenAsync(body.RefreshToken);
        }

        return TypedResults.NoContent();
    }

    private static Ok<TokenResponse> Tokens(HttpResponse response, AccessToken access, string refreshToken)
    {
        // RFC 6749 5.1: responses carrying tokens must not be stored by any cache.
        response.Headers.CacheControl = "no-store";
        response.Headers[HeaderNames.Pragma] = "no-cache";
        return TypedResults.Ok(new TokenResponse
        {
            AccessToken = access.Token,
            TokenType = TokenType,
            ExpiresIn = (long)access.Lifetime.TotalSeconds,
            RefreshToken = refreshToken,
        });
    }
}
