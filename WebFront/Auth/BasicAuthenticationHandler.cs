using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Security;

namespace Shop.WebFront.Auth;

/// <summary>
/// HTTP Basic for the operator tools a browser opens directly (<c>/dashboard/</c>): the e-mail and password are
/// checked by the user grains under the same lockout rules as <c>POST /api/auth/token</c>, without issuing tokens.
/// A verified header is then taken at its word for a short while (<see cref="VerifiedBasicCredentials"/>); any other
/// header is a password guess and is counted by <see cref="BasicGuessLimiter"/>.
/// </summary>
public sealed partial class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IGrainFactory grains,
    VerifiedBasicCredentials verified,
    BasicGuessLimiter guesses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Basic";
    public const string Realm = "shop operators";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (IsCrossSiteWrite(Request))
        {
            // A browser replays cached Basic credentials on any site's form post; only same-site pages may write with them.
            return AuthenticateResult.Fail("Basic credentials are not accepted on cross-site requests that change state.");
        }

        if (!TryDecode(header.Parameter, out var email, out var password))
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        if (verified.Find(header.Parameter!) is { } known)
        {
            return Success(known);
        }

        if (!guesses.TryTake(Context, email, out var retryAfter))
        {
            Context.Items[BasicGuessLimiter.RefusedItem] = retryAfter;
            LogThrottled(Logger);
            return AuthenticateResult.Fail("Too many password checks.");
        }

        var result = await grains.GetGrain<IUserDirectoryGrain>(0)
            .CheckCredentialsAsync(email, password, ClientRateLimiter.ClientKey(Context));
        // Basic only opens operator tools. A right password of anyone else gets the answer a wrong one gets (401, not
        // 403), or the dashboard would tell a guesser which of its guesses was a user's real password.
        if (result.Outcome != SignInOutcome.Succeeded || result.User is null || !result.User.Roles.Contains(Roles.Operator))
        {
            LogRejected(Logger);
            return AuthenticateResult.Fail("Invalid credentials.");
        }

        verified.Remember(header.Parameter!, result.User);
        return Success(result.User);
    }

    private static AuthenticateResult Success(UserView user) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(ShopClaims.IdentityFor(user, SchemeName)), SchemeName));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"Basic realm=\"{Realm}\", charset=\"UTF-8\"");
        return Task.CompletedTask;
    }

    private static bool IsCrossSiteWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && request.Headers.TryGetValue("Sec-Fetch-Site", out var site)
        && !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(site, "none", StringComparison.OrdinalIgnoreCase);

    private static bool TryDecode(string? parameter, out string email, out string password)
    {
        email = password = string.Empty;
        if (string.IsNullOrEmpty(parameter))
        {
            return false;
        }

        var bytes = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, bytes, out var written))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        email = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Basic credentials were not checked: too many password checks from this client or for this account")]
    private static partial void LogThrottled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Basic credentials were refused")]
    private static partial void LogRejected(ILogger logger);
}
