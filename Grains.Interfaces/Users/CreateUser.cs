using Shop.Grains.Interfaces.Idempotency;

namespace Shop.Grains.Interfaces.Users;

/// <summary>A sign-up. The password is plaintext only on the wire into the cluster; the user grain hashes it.</summary>
[GenerateSerializer, Immutable, Alias("shop.create-user.v1")]
public sealed record CreateUser
{
    [Id(0)] public required string Email { get; init; }

    [Id(1)] public required string Password { get; init; }

    [Id(2)] public string? Name { get; init; }

    // Id 3 held the request's key while an address was claimed by a grain of its own; not reused.

    /// <summary>Set when the request carried an <c>Idempotency-Key</c>: the record is stored with the user.</summary>
    [Id(4)] public IdempotencyTicket? Idempotency { get; init; }

    public override string ToString() => $"CreateUser {{ Email = {Email}, Name = {Name} }}";
}
