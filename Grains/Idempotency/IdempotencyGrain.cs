using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Idempotency;

namespace Shop.Grains.Idempotency;

/// <summary>
/// Answers what the record of one idempotency key says. It keeps nothing: it is asked only when a create was refused
/// because the key is held, and then the record must be read as it is now.
/// </summary>
public sealed class IdempotencyGrain(IIdempotencyStore store, TimeProvider time) : Grain, IIdempotencyGrain
{
    async Task<IdempotencyClaim> IIdempotencyGrain.RecallAsync(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        if (await store.ReadAsync(this.GetPrimaryKeyString(), time.GetUtcNow()) is not { } record)
        {
            return new IdempotencyClaim { Status = IdempotencyClaimStatus.InProgress };
        }

        if (!string.Equals(record.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw new DomainException(
                DomainErrorCode.IdempotencyKeyReused, "This Idempotency-Key was already used with a different request.");
        }

        return new IdempotencyClaim { Status = IdempotencyClaimStatus.Completed, Response = record.Response, ResourceId = record.ResourceId };
    }
}
