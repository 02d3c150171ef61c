namespace Shop.Grains.Interfaces.Idempotency;

[GenerateSerializer, Alias("shop.idempotency-claim-status.v1")]
public enum IdempotencyClaimStatus
{
    // 0 was Acquired, while a key was leased before its request ran; not reused.

    /// <summary>The request already ran; <see cref="IdempotencyClaim.Response"/> or <see cref="IdempotencyClaim.ResourceId"/> tells its outcome.</summary>
    Completed = 1,

    /// <summary>No live record: the request may run (again).</summary>
    InProgress = 2,
}
