namespace Shop.Grains.Users.SignIn;

/// <summary>
/// One session (a token family) by the SHA-256 hash of its current refresh token and the token's generation. Only the
/// current token is kept: a spent one is recognised by its family and older generation, so a session costs one record
/// however often it is refreshed.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.refresh-token.v1")]
public sealed record RefreshTokenRecord
{
    [Id(0)] public required string Hash { get; init; }

    [Id(1)] public required Guid Family { get; init; }

    [Id(2)] public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Set only on records written before generations (they kept each spent token until it expired).</summary>
    [Id(3)] public bool Spent { get; init; }

    /// <summary>How many times the family was refreshed before this token was issued.</summary>
    [Id(4)] public int Generation { get; init; }
}
