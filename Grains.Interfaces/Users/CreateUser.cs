namespace Shop.Grains.Interfaces.Users;

/// <summary>A sign-up. The password is plaintext only on the wire into the cluster; the user grain hashes it.</summary>
[GenerateSerializer, Immutable, Alias("shop.create-user.v1")]
public sealed record CreateUser
{
    [Id(0)] public required string Email { get; init; }

    [Id(1)] public required string Password { get; init; }

    [Id(2)] public string? Name { get; init; }

    public override string ToString() => $"CreateUser {{ Email = {Email}, Name = {Name} }}";
}
