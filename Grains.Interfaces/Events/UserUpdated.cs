namespace Shop.Grains.Interfaces.Events;

/// <summary>
/// A user's profile changed (address, name, password or roles: any change that moves the user's version). Written to
/// the feed with the change; carries no password or hash.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.events.user-updated.v1")]
public sealed record UserUpdated
{
    [Id(0)] public required long UserId { get; init; }

    [Id(1)] public required string Email { get; init; }

    [Id(2)] public string? Name { get; init; }

    [Id(3)] public required long Version { get; init; }

    [Id(4)] public required DateTimeOffset UpdatedAt { get; init; }
}
