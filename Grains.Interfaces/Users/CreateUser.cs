namespace Shop.Grains.Interfaces.Users;

/// <summary>A sign-up. The password is plaintext only on the wire into the cluster; the user grain hashes it.</summary>
[GenerateSerializer, Immutable, Alias("shop.create-user.v1")]
public sealed record CreateUser
{
    [Id(0)] public required string Email { get; init; }

    [Id(1)] public required string Password { get; init; }

    [Id(2)] public string? Name { get; init; }

    /// <summary>
    /// The request's idempotency record key when the sign-up carries an <c>Idempotency-Key</c>. A repeat of the same
    /// request that finds the address held by its own earlier attempt, cut off before it stored the user, is told to
    /// retry once that attempt's hold on the address has run out, instead of hearing that the address is taken.
    /// </summary>
    [Id(3)] public string? RequestKey { get; init; }

    public override string ToString() => $"CreateUser {{ Email = {Email}, Name = {Name} }}";
}
