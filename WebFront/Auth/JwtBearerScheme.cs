using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Shop.WebFront.Auth;

/// <summary>How the API checks the access tokens <see cref="AccessTokenIssuer"/> signs.</summary>
public sealed class JwtBearerScheme(IOptions<JwtOptions> options, JwtSigningKey key, CachingJsonWebTokenHandler handler)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public const string Name = JwtBearerDefaults.AuthenticationScheme;

    public void Configure(string? name, JwtBearerOptions bearer)
    {
        ArgumentNullException.ThrowIfNull(bearer);
        if (name != Name)
        {
            return;
        }

        var settings = options.Value;
        // Keep "sub" and "role" as they are in the token instead of renaming them to WS-Federation URIs.
        bearer.MapInboundClaims = false;
        bearer.TokenHandlers.Clear();
        bearer.TokenHandlers.Add(handler);
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = settings.ClockSkew,
            NameClaimType = ShopClaims.Subject,
            RoleClaimType = ShopClaims.Role,
        };
        bearer.Events = new JwtBearerEvents { OnTokenValidated = RejectCriticalExtensions };
    }

    /// <summary>
    /// RFC 7515 §4.1.11: a token that names critical header extensions must be refused by a recipient that does not
    /// understand them, and this API understands none. IdentityModel checks signature, lifetime, issuer and audience,
    /// but not <c>crit</c>.
    /// </summary>
    private static Task RejectCriticalExtensions(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken token && token.TryGetHeaderValue<object>("crit", out _))
        {
            context.Fail("The token names critical header extensions this API does not understand.");
        }

        return Task.CompletedTask;
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
