namespace Shop.Grains.Interfaces.Idempotency;

[GenerateSerializer, Immutable, Alias("shop.idempotency-claim.v1")]
public sealed record IdempotencyClaim
{
    [Id(0)] public required IdempotencyClaimStatus Status { get; init; }

    /// <summary>Set when <see cref="Status"/> is <see cref="IdempotencyClaimStatus.Completed"/>.</summary>
    [Id(1)] public IdempotentResponse? Response { get; init; }

    /// <summary>
    /// Set instead of <see cref="Response"/> when the create stored its record itself (see <see cref="IdempotencyTicket"/>):
    /// the id of what it created, from which the caller answers again.
    /// </summary>
    [Id(2)] public long? ResourceId { get; init; }
}
