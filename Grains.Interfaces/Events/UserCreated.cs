namespace Shop.Grains.Interfaces.Events;

/// <summary>
/// A user signed up. Published on <see cref="ShopStreams.Users"/> under the user's id. Carries no password or hash;
/// the address and name are as given at sign-up (read the user for current ones).
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.events.user-created.v1")]
public sealed record UserCreated
{
    [Id(0)] public required long UserId { get; init; }

    [Id(1)] public required string Email { get; init; }

    [Id(2)] public string? Name { get; init; }

    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
}
