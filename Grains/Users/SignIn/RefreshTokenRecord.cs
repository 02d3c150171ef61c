namespace Shop.Grains.Users.SignIn;

/// <summary>One refresh token, by its SHA-256 hash. Spent tokens stay until their family expires, to detect reuse.</summary>
[GenerateSerializer, Immutable, Alias("shop.refresh-token.v1")]
public sealed record RefreshTokenRecord
{
    [Id(0)] public required string Hash { get; init; }

    [Id(1)] public required Guid Family { get; init; }

    [Id(2)] public required DateTimeOffset ExpiresAt { get; init; }

    [Id(3)] public bool Spent { get; init; }
}
