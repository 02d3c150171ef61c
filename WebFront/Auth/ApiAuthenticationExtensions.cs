using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Auth;
using Shop.ServiceDefaults;

namespace Shop.WebFront.Auth;

public static class ApiAuthenticationExtensions
{
    /// <summary>
    /// Access tokens (JWT bearer, the API's default scheme), HTTP Basic for operator tools, the policies
    /// (<see cref="OperatorPolicy"/>), token issuing and the stricter rate limit of <c>/api/auth/*</c>.
    /// </summary>
    public static WebApplicationBuilder AddApiAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddValidatedOptions<JwtOptions>(JwtOptions.Section);
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddValidatedOptions<AuthRateLimitOptions>(AuthRateLimitOptions.Section);
        services.AddValidatedOptions<BasicAuthOptions>(BasicAuthOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VerifiedBasicCredentials>();
        services.AddSingleton<BasicGuessLimiter>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ThrottledCredentialsResultHandler>();
        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<CachingJsonWebTokenHandler>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerScheme>();

        services.AddAuthentication(JwtBearerScheme.Name)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(JwtBearerScheme.Name).RequireAuthenticatedUser().Build())
            .AddPolicy(OperatorPolicy.Name, policy => policy
                // Basic first: its challenge leads, so a browser offers its login prompt.
                .AddAuthenticationSchemes(BasicAuthenticationHandler.SchemeName, JwtBearerScheme.Name)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Operator))
            .AddPolicy(OperatorPolicy.BearerOnlyName, policy => policy
                .AddAuthenticationSchemes(JwtBearerScheme.Name)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Operator));

        services.AddRateLimiter(limiter => limiter.AddPolicy<string, AuthRateLimitPolicy>(AuthRateLimitPolicy.Name));
        return builder;
    }

    /// <summary>Who the caller is, then whether the endpoint lets them in; after routing, CORS and the rate limit.</summary>
    public static WebApplication UseApiAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
