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

    /// <summary>Roles from <see cref="Auth.Roles"/>; empty for ordinary users.</summary>
    [Id(6)] public IReadOnlyList<string> Roles { get; init; } = [];

    // Value equality all the way down: two reads of one unchanged user are equal, whatever list holds the roles.
    public bool Equals(UserView? other) =>
        other is not null
        && Id == other.Id
        && Email == other.Email
        && Name == other.Name
        && CreatedAt == other.CreatedAt
        && UpdatedAt == other.UpdatedAt
        && Version == other.Version
        && Roles.SequenceEqual(other.Roles);

    public override int GetHashCode() => HashCode.Combine(Id, Version);
}
