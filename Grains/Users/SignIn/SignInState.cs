using System.Collections.Immutable;

namespace Shop.Grains.Users.SignIn;

/// <summary>The part of a user's state that guards signing in.</summary>
[GenerateSerializer, Immutable, Alias("shop.sign-in-state.v1")]
public sealed record SignInState
{
    [Id(0)] public int FailedAttempts { get; init; }

    [Id(1)] public DateTimeOffset? LockedUntil { get; init; }

    [Id(2)] public ImmutableArray<RefreshTokenRecord> RefreshTokens { get; init; } = [];

    /// <summary>Tags (<see cref="SignInLockout.Tag"/>) of the clients that signed in successfully, newest first, bounded.</summary>
    [Id(3)] public ImmutableArray<string> KnownClients { get; init; } = [];
}
