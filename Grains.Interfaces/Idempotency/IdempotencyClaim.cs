namespace Shop.Grains.Interfaces.Idempotency;

[GenerateSerializer, Immutable, Alias("shop.idempotency-claim.v1")]
public sealed record IdempotencyClaim
{
    [Id(0)] public required IdempotencyClaimStatus Status { get; init; }

    /// <summary>Set when <see cref="Status"/> is <see cref="IdempotencyClaimStatus.Completed"/>.</summary>
    [Id(1)] public IdempotentResponse? Response { get; init; }
}
