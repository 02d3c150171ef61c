using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Auth;

/// <summary>
/// A policy challenges every scheme it names in turn, so the Basic handler cannot answer 429 from its own challenge
/// (the bearer challenge after it sets 401 again). When the Basic handler refused a guess
/// (<see cref="BasicGuessLimiter.RefusedItem"/>), this answers 429 with <c>Retry-After</c> instead of the challenge.
/// </summary>
public sealed class ThrottledCredentialsResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged && context.Items[BasicGuessLimiter.RefusedItem] is TimeSpan retryAfter)
        {
            return ErrorWriter.WriteAsync(context, ApiErrors.RateLimited(retryAfter));
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
