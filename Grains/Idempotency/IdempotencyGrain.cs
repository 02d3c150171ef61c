using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Idempotency;

namespace Shop.Grains.Idempotency;

/// <summary>
/// Remembers the first answer given for one idempotency key. Calls are serialised by the grain, so two retries
/// racing each other cannot both run the request.
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState(IdempotencyGrain.StateName, "store")] IPersistentState<IdempotencyState> state,
    IOptions<IdempotencyOptions> options,
    TimeProvider time) : Grain, IIdempotencyGrain
{
    /// <summary>The state name, which is also the row's grain type in PostgreSQL, where expired rows are swept.</summary>
    public const string StateName = "idempotency";

    // The lease lives in memory only: if this activation is lost, the request it guarded may simply run again.
    private string? _leasedFingerprint;
    private DateTimeOffset _leaseExpiresAt;

    async Task<IdempotencyClaim> IIdempotencyGrain.BeginAsync(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        await ForgetIfExpiredAsync();
        var now = time.GetUtcNow();

        if (state.State.Response is { } response)
        {
            EnsureSameRequest(state.State.Fingerprint, fingerprint);
            return new IdempotencyClaim { Status = IdempotencyClaimStatus.Completed, Response = response };
        }

        if (_leasedFingerprint is not null && _leaseExpiresAt > now)
        {
            EnsureSameRequest(_leasedFingerprint, fingerprint);
            return new IdempotencyClaim { Status = IdempotencyClaimStatus.InProgress };
        }

        _leasedFingerprint = fingerprint;
        _leaseExpiresAt = now + options.Value.InProgressLease;
        return new IdempotencyClaim { Status = IdempotencyClaimStatus.Acquired };
    }

    async Task IIdempotencyGrain.CompleteAsync(string fingerprint, IdempotentResponse response)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        ArgumentNullException.ThrowIfNull(response);
        await ForgetIfExpiredAsync();

        // The first completed answer wins; a late duplicate (after a lease ran out) must not replace it.
        if (state.State.Response is not null)
        {
            EnsureSameRequest(state.State.Fingerprint, fingerprint);
            return;
        }

        var retention = options.Value.Retention;
        state.State = new IdempotencyState
        {
            Fingerprint = fingerprint,
            Response = response,
            ExpiresAt = time.GetUtcNow() + retention,
        };
        // One write and nothing else on the hot path: reads honour the expiry themselves, and the silo deletes
        // expired rows in bulk (Silo/Storage/IdempotencySweeper.cs) instead of a reminder per key.
        await state.WriteStateAsync();
        ReleaseLease(fingerprint);
    }

    Task IIdempotencyGrain.AbandonAsync(string fingerprint)
    {
        ReleaseLease(fingerprint);
        return Task.CompletedTask;
    }

    private async Task ForgetIfExpiredAsync()
    {
        if (state.RecordExists && state.State.ExpiresAt <= time.GetUtcNow())
        {
            await state.ClearStateAsync();
            state.State = new IdempotencyState();
        }
    }

    private void ReleaseLease(string fingerprint)
    {
        if (_leasedFingerprint == fingerprint)
        {
            _leasedFingerprint = null;
        }
    }

    private static void EnsureSameRequest(string? recorded, string offered)
    {
        if (!string.Equals(recorded, offered, StringComparison.Ordinal))
        {
            throw new DomainException(
                DomainErrorCode.IdempotencyKeyReused,
                "This Idempotency-Key was already used with a different request.");
        }
    }
}
