using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Idempotency;

namespace Shop.Grains.Idempotency;

/// <summary>
/// Remembers the first answer given for one idempotency key. Calls are serialised by the grain, so two retries
/// racing each other cannot both run the request.
/// </summary>
public sealed class IdempotencyGrain(
    IIdempotencyStore store,
    IOptions<IdempotencyOptions> options,
    TimeProvider time) : Grain, IIdempotencyGrain
{
    private IdempotencyRecord? _record;

    // The lease lives in memory only: if this activation is lost, the request it guarded may simply run again.
    private string? _leasedFingerprint;
    private DateTimeOffset _leaseExpiresAt;

    // Set while the stored record is unknown: until the first call reads it (inside a call, so a database failure reaches
    // the caller as StorageUnavailableException through the grain call filter, which an activation's own read would not),
    // and again when another attempt may have stored it without telling this grain: its holder went quiet, or a create
    // that stores its own record was refused because the key has one (RecallAsync).
    private bool _mayHaveBeenStored = true;

    private string Key => this.GetPrimaryKeyString();

    async Task<IdempotencyClaim> IIdempotencyGrain.BeginAsync(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        var now = time.GetUtcNow();
        if (_leasedFingerprint is not null && _leaseExpiresAt <= now)
        {
            _leasedFingerprint = null;
            _mayHaveBeenStored = true;
        }

        if (_leasedFingerprint is null)
        {
            await ReadIfUnknownAsync(now);
        }

        if (Live(now) is { } record)
        {
            EnsureSameRequest(record.Fingerprint, fingerprint);
            return new IdempotencyClaim
            {
                Status = IdempotencyClaimStatus.Completed, Response = record.Response, ResourceId = record.ResourceId,
            };
        }

        if (_leasedFingerprint is not null)
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
        var now = time.GetUtcNow();
        await ReadIfUnknownAsync(now);

        // The first completed answer wins; a late duplicate (after a lease ran out) must not replace it.
        if (Live(now) is { } existing)
        {
            EnsureSameRequest(existing.Fingerprint, fingerprint);
            return;
        }

        var record = new IdempotencyRecord { Fingerprint = fingerprint, Response = response, ExpiresAt = now + options.Value.Retention };
        // One write and nothing else on the hot path: reads honour the expiry themselves, and the silo deletes
        // expired rows in bulk (Silo/Storage/IdempotencySweeper.cs) instead of a reminder per key.
        _record = await store.TryAddAsync(new KeyedIdempotencyRecord(Key, record), now)
            ? record
            : await store.ReadAsync(Key, now);
        ReleaseLease(fingerprint);
    }

    async Task<IdempotencyClaim> IIdempotencyGrain.RecallAsync(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        var now = time.GetUtcNow();
        _mayHaveBeenStored = true;
        await ReadIfUnknownAsync(now);
        if (Live(now) is not { } record)
        {
            return new IdempotencyClaim { Status = IdempotencyClaimStatus.InProgress };
        }

        EnsureSameRequest(record.Fingerprint, fingerprint);
        return new IdempotencyClaim { Status = IdempotencyClaimStatus.Completed, Response = record.Response, ResourceId = record.ResourceId };
    }

    Task IIdempotencyGrain.AbandonAsync(string fingerprint)
    {
        _mayHaveBeenStored = true;
        ReleaseLease(fingerprint);
        return Task.CompletedTask;
    }

    private async ValueTask ReadIfUnknownAsync(DateTimeOffset now)
    {
        if (_mayHaveBeenStored)
        {
            _record = await store.ReadAsync(Key, now);
            _mayHaveBeenStored = false;
        }
    }

    private IdempotencyRecord? Live(DateTimeOffset now) => _record is { } record && record.ExpiresAt > now ? record : null;

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
