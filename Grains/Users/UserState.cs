using System.Collections.Immutable;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>What PostgreSQL keeps of a user (a <c>users</c> row). Immutable so a change is a new value swapped in after it is stored.</summary>
[GenerateSerializer, Immutable, Alias("shop.user-state.v1")]
public sealed record UserState
{
    [Id(0)] public string Email { get; init; } = "";

    [Id(1)] public string? Name { get; init; }

    // Id 2 held the password hash and id 8 the sign-in state until the credentials got a row of their own
    // (migration 0013, SignIn/CredentialState); not reused.

    [Id(3)] public DateTimeOffset CreatedAt { get; init; }

    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(5)] public long Version { get; init; }

    // Id 6 held every order id of the user until the orders got their own table (migration 0007); not reused.

    [Id(7)] public ImmutableArray<string> Roles { get; init; } = [];

    public UserView ToView(long id) => new()
    {
        Id = id,
        Email = Email,
        Name = Name,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Version = Version,
        Roles = Roles,
    };

    // Records print every member; the address is personal data and stays out of logs.
    public override string ToString() => $"UserState {{ Version = {Version} }}";
}
