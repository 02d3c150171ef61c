using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shop.Grains.Interfaces.Users;

namespace Shop.WebFront.Auth;

/// <summary>Signs short-lived access tokens (JWT, HMAC-SHA256) carrying the user id as <c>sub</c> and the roles as <c>role</c>.</summary>
public sealed class AccessTokenIssuer(IOptions<JwtOptions> options, JwtSigningKey key, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public AccessToken Issue(UserView user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var identity = ShopClaims.IdentityFor(user, JwtBearerScheme.Name);
        identity.AddClaim(new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = identity,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, settings.AccessTokenLifetime);
    }
}
