namespace Shop.Grains.Interfaces.Idempotency;

/// <summary>
/// The record of one <c>Idempotency-Key</c> within one scope (for example <c>"users:3f2a…"</c>): which request
/// first used the key and what it answered. Kept in grain storage so a retry is recognised on any front end,
/// after any restart, until the record expires.
/// </summary>
/// <remarks>
/// Protocol: <see cref="BeginAsync"/>; when it returns <see cref="IdempotencyClaimStatus.Acquired"/> the caller runs
/// the request, then reports the answer with <see cref="CompleteAsync"/> or gives the key back with
/// <see cref="AbandonAsync"/>. A fingerprint other than the first one is refused with <c>IdempotencyKeyReused</c>.
/// </remarks>
[Alias("shop.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    [Alias("begin")]
    Task<IdempotencyClaim> BeginAsync(string fingerprint);

    [Alias("complete")]
    Task CompleteAsync(string fingerprint, IdempotentResponse response);

    /// <summary>
    /// A create that stores its record in its own transaction (<see cref="IdempotencyTicket"/>) was refused because
    /// the key already has one, stored by a request this grain may never have heard of: reads it again and answers
    /// like <see cref="BeginAsync"/> (completed, or <c>IdempotencyKeyReused</c> for another request), taking no lease.
    /// </summary>
    /// <returns><see cref="IdempotencyClaimStatus.Completed"/>, or <see cref="IdempotencyClaimStatus.InProgress"/> when
    /// no live record is found (it expired meanwhile): the caller may run the create again.</returns>
    [Alias("recall")]
    Task<IdempotencyClaim> RecallAsync(string fingerprint);

    [Alias("abandon")]
    Task AbandonAsync(string fingerprint);
}
