namespace Shop.Grains.Interfaces.Events;

/// <summary>
/// A user changed, becoming <see cref="Version"/>: any change that moves the user's version (address, name, password,
/// roles). A row of the order feed (<see cref="OrderFeedEvents.UserUpdated"/>), with the user's address and name after
/// the change; never the password or its hash.
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
