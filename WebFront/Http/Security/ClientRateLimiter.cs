using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Http.Security;

/// <summary>
/// ASP.NET Core's fixed-window limiter, one window per client IP (after trusted-proxy resolution of
/// <c>X-Forwarded-For</c>), plus the <c>RateLimit-*</c> headers express-rate-limit sent.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    private readonly RateLimitingOptions _settings;

    public ClientRateLimiter(IOptions<RateLimitingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = options.Value;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            CountdownWindowLimiter.Partition(ClientKey(context), _settings.PermitLimit, _settings.Window));
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public bool Enabled => _settings.Enabled;

    public static string ClientKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>Headers for a request that was let through: how many are left in this window.</summary>
    public void WriteQuotaHeaders(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? _settings.PermitLimit;
        var response = context.Response;

        // Set when the response starts, so they survive the exception handler clearing headers on its way.
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers["RateLimit-Policy"] = Policy;
            headers["RateLimit-Limit"] = _settings.PermitLimit.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
    }

    /// <summary>The 429 answer: Retry-After, the RateLimit-* headers and the Error body.</summary>
    public Task RejectAsync(OnRejectedContext rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _settings.Window;
        var headers = rejected.HttpContext.Response.Headers;
        headers["RateLimit-Policy"] = Policy;
        headers["RateLimit-Limit"] = _settings.PermitLimit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = "0";
        headers["RateLimit-Reset"] = ErrorWriter.WholeSeconds(retryAfter);
        return ErrorWriter.WriteAsync(rejected.HttpContext, ApiErrors.RateLimited(retryAfter));
    }

    public void Dispose() => Limiter.Dispose();

    private string Policy =>
        string.Create(CultureInfo.InvariantCulture, $"{_settings.PermitLimit};w={(long)_settings.Window.TotalSeconds}");
}
