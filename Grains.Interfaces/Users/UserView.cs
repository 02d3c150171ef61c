namespace Shop.Grains.Interfaces.Users;

/// <summary>A user as callers see it: never the password or its hash. <see cref="Version"/> grows with every change.</summary>
[GenerateSerializer, Immutable, Alias("shop.user.v1")]
public sealed record UserView
{
    [Id(0)] public required long Id { get; init; }

    [Id(1)] public required string Email { get; init; }

    [Id(2)] public string? Name { get; init; }

    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(4)] public required DateTimeOffset UpdatedAt { get; init; }

    [Id(5)] public required long Version { get; init; }
}
