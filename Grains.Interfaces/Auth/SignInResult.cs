using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Interfaces.Auth;

/// <summary>The answer to a sign-in; on success it carries the user and a new refresh token (shown once, stored hashed).</summary>
[GenerateSerializer, Immutable, Alias("shop.sign-in-result.v1")]
public sealed record SignInResult
{
    [Id(0)] public required SignInOutcome Outcome { get; init; }

    [Id(1)] public UserView? User { get; init; }

    [Id(2)] public string? RefreshToken { get; init; }

    [Id(3)] public TimeSpan? RetryAfter { get; init; }

    public static SignInResult Failed { get; } = new() { Outcome = SignInOutcome.Failed };

    public override string ToString() => $"SignInResult {{ Outcome = {Outcome}, UserId = {User?.Id} }}";
}
