namespace Shop.Grains.Interfaces.Idempotency;

[GenerateSerializer, Alias("shop.idempotency-claim-status.v1")]
public enum IdempotencyClaimStatus
{
    /// <summary>The caller now holds the key and must run the request.</summary>
    Acquired = 0,

    /// <summary>The request already ran; <see cref="IdempotencyClaim.Response"/> is its answer.</summary>
    Completed = 1,

    /// <summary>Another caller holds the key and has not answered yet.</summary>
    InProgress = 2,
}
