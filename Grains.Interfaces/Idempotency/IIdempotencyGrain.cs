namespace Shop.Grains.Interfaces.Idempotency;

/// <summary>
/// The record of one <c>Idempotency-Key</c> within one scope (for example <c>"users:3f2a…"</c>), as a create that
/// stores it in its own transaction left it (see <see cref="IdempotencyTicket"/>): which request first used the key
/// and what it created. A create runs without reading the key; only when it is refused because the key already has a
/// record does the caller ask this grain what that record says.
/// </summary>
[Alias("shop.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reads the key's record: <see cref="IdempotencyClaimStatus.Completed"/> with what the first request created (or,
    /// for records written before creates stored their own, its answer), or <c>IdempotencyKeyReused</c> when the record
    /// is another request's.
    /// </summary>
    /// <returns><see cref="IdempotencyClaimStatus.InProgress"/> when no live record is found (it expired meanwhile):
    /// the caller may run the create again.</returns>
    [Alias("recall")]
    Task<IdempotencyClaim> RecallAsync(string fingerprint);
}
