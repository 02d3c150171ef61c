using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Interfaces.Auth;

/// <summary>A rotated refresh token and the user it belongs to (with current roles, for the new access token).</summary>
[GenerateSerializer, Immutable, Alias("shop.token-refresh.v1")]
public sealed record TokenRefresh
{
    [Id(0)] public required UserView User { get; init; }

    [Id(1)] public required string RefreshToken { get; init; }

    public override string ToString() => $"TokenRefresh {{ UserId = {User.Id} }}";
}
