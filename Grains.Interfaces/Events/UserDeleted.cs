namespace Shop.Grains.Interfaces.Events;

/// <summary>
/// A user was deleted, as version <see cref="Version"/> (one past the user's last, so a consumer that skips versions
/// it has seen never skips the delete). A row of the order feed (<see cref="OrderFeedEvents.UserDeleted"/>),
/// with the address and name the user had, so that consumers can find and forget their own copies.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.events.user-deleted.v1")]
public sealed record UserDeleted
{
    [Id(0)] public required long UserId { get; init; }

    [Id(1)] public required string Email { get; init; }

    [Id(2)] public string? Name { get; init; }

    [Id(3)] public required long Version { get; init; }

    [Id(4)] public required DateTimeOffset DeletedAt { get; init; }
}
