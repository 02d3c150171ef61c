using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Http.Security;

namespace Shop.WebFront.Auth;

/// <summary>A fixed window per client IP for <c>/api/auth/*</c>, on top of the API-wide limit.</summary>
public sealed class AuthRateLimitPolicy(IOptions<AuthRateLimitOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "auth";

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected { get; } = static (rejected, _) =>
    {
        var window = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<AuthRateLimitOptions>>().Value.Window;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
        return new ValueTask(ErrorWriter.WriteAsync(rejected.HttpContext, ApiErrors.RateLimited(retryAfter)));
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return CountdownWindowLimiter.Partition(ClientRateLimiter.ClientKey(httpContext), settings.PermitLimit, settings.Window);
    }
}
