using Shop.Grains.Interfaces.Idempotency;

namespace Shop.Grains.Idempotency;

/// <summary>
/// What is stored for one key: only completed requests, so a crash mid-request never pins a key. A create that
/// stores its record itself (<see cref="IdempotencyTicket"/>) leaves <see cref="Response"/> empty and names what it
/// created in <see cref="ResourceId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.idempotency-record.v1")]
public sealed record IdempotencyRecord
{
    /// <summary>A slow salted hash of the canonical request, never the request itself (it may hold a password).</summary>
    [Id(0)] public required string Fingerprint { get; init; }

    [Id(1)] public IdempotentResponse? Response { get; init; }

    [Id(2)] public long? ResourceId { get; init; }

    [Id(3)] public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>An <see cref="IdempotencyRecord"/> with the key it is stored under (<c>scope:Idempotency-Key</c>).</summary>
[GenerateSerializer, Immutable, Alias("shop.keyed-idempotency-record.v1")]
public sealed record KeyedIdempotencyRecord([property: Id(0)] string Key, [property: Id(1)] IdempotencyRecord Record);
