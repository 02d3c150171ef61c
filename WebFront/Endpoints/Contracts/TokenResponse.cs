using System.ComponentModel;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>Tokens for a signed-in user, shaped like an OAuth 2.0 token response (RFC 6749 section 5.1).</summary>
public sealed record TokenResponse
{
    [Description("A JWT to send as `Authorization: Bearer <token>`; it carries the user id (`sub`) and roles (`role`).")]
    public required string AccessToken { get; init; }

    [Description("Always `Bearer`.")]
    public required string TokenType { get; init; }

    [Description("Seconds until the access token expires.")]
    public required long ExpiresIn { get; init; }

    [Description("Single use: exchange it at /api/auth/refresh for new tokens. Presenting a used one again ends the session.")]
    public required string RefreshToken { get; init; }

    public override string ToString() => $"TokenResponse {{ ExpiresIn = {ExpiresIn} }}";
}
