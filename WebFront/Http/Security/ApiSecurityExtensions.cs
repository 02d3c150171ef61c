using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.ServiceDefaults;

namespace Shop.WebFront.Http.Security;

public static class ApiSecurityExtensions
{
    public const string CorsPolicy = "api";

    /// <summary>What the seed had from helmet, cors, express-rate-limit and body-parser limits, done with ASP.NET Core's own parts.</summary>
    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddValidatedOptions<RequestLimitsOptions>(RequestLimitsOptions.Section);
        var maxBody = builder.Configuration.GetSection(RequestLimitsOptions.Section).Get<RequestLimitsOptions>()?.MaxBodyBytes
            ?? new RequestLimitsOptions().MaxBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxBody;
        });

        services.AddValidatedOptions<TrustedProxyOptions>(TrustedProxyOptions.Section)
            .Validate(o => o.TrustedProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:TrustedProxies must be IP addresses.")
            .Validate(o => o.TrustedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:TrustedNetworks must be CIDR networks.");
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            // The defaults trust loopback, and with both lists empty the middleware trusts everyone: so only what
            // is configured may speak for a client, and with nothing configured the headers are not read at all.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            var anyTrusted = trusted.Value.TrustedProxies.Count > 0 || trusted.Value.TrustedNetworks.Count > 0;
            forwarded.ForwardedHeaders = anyTrusted
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            foreach (var proxy in trusted.Value.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.Value.TrustedNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        services.AddValidatedOptions<ApiCorsOptions>(ApiCorsOptions.Section)
            .Validate(o => o.AllowedOrigins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out _)), "Cors:AllowedOrigins must be absolute origins.");
        var cors = builder.Configuration.GetSection(ApiCorsOptions.Section).Get<ApiCorsOptions>() ?? new();
        var allowAny = cors.AllowedOrigins.Count == 0 && cors.AllowAnyOriginInDevelopment && builder.Environment.IsDevelopment();
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            if (allowAny)
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. cors.AllowedOrigins]);
            }

            policy.WithMethods("GET", "POST", "PATCH", "DELETE")
                .WithHeaders("Content-Type", "Authorization", "If-Match", "If-None-Match", "Idempotency-Key")
                .WithExposedHeaders(
                    "ETag", "Location", "Retry-After", "Idempotent-Replayed",
                    "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));

        services.AddValidatedOptions<RateLimitingOptions>(RateLimitingOptions.Section);
        services.AddSingleton<ClientRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ClientRateLimiter>((options, limiter) =>
        {
            if (!limiter.Enabled)
            {
                return;
            }

            options.GlobalLimiter = limiter.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => new ValueTask(limiter.RejectAsync(context));
        });
        return builder;
    }
}
