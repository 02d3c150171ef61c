namespace Shop.Grains.Interfaces.Events;

/// <summary>A user was deleted. Written to the feed with the delete.</summary>
[GenerateSerializer, Immutable, Alias("shop.events.user-deleted.v1")]
public sealed record UserDeleted
{
    [Id(0)] public required long UserId { get; init; }

    [Id(1)] public required string Email { get; init; }

    [Id(2)] public string? Name { get; init; }

    /// <summary>The user's version when it was deleted.</summary>
    [Id(3)] public required long Version { get; init; }

    [Id(4)] public required DateTimeOffset DeletedAt { get; init; }
}
