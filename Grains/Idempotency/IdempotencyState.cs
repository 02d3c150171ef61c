using Shop.Grains.Interfaces.Idempotency;

namespace Shop.Grains.Idempotency;

/// <summary>What is stored for one key: only completed requests, so a crash mid-request never pins a key.</summary>
[GenerateSerializer, Alias("shop.idempotency-state.v1")]
public sealed class IdempotencyState
{
    /// <summary>A slow salted hash of the canonical request, never the request itself (it may hold a password).</summary>
    [Id(0)] public string? Fingerprint { get; set; }

    [Id(1)] public IdempotentResponse? Response { get; set; }

    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
}
