namespace Shop.Grains.Interfaces.Idempotency;

/// <summary>
/// Handed to a create that stores its own idempotency record in the transaction that creates the resource (an order),
/// so a 2xx always has its record in PostgreSQL without a write of its own.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.idempotency-ticket.v1")]
public sealed record IdempotencyTicket
{
    /// <summary>The record's key, <c>scope:Idempotency-Key</c>, as <see cref="IIdempotencyGrain"/> is keyed.</summary>
    [Id(0)] public required string Key { get; init; }

    [Id(1)] public required string Fingerprint { get; init; }
}
