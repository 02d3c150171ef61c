using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Idempotency;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Idempotency;

/// <summary>
/// Runs a create at most once per <c>Idempotency-Key</c>: the first request runs and its record is stored with what it
/// creates; a retry with the same key and body is answered from that; the same key with another body is a 422.
/// </summary>
public sealed class IdempotentRequests(IGrainFactory grains, ClusterCalls cluster, IOptions<JsonOptions> jsonOptions)
{
    private JsonSerializerOptions Json => jsonOptions.Value.SerializerOptions;

    /// <summary>
    /// Runs a create that stores the key's record in its own transaction (<paramref name="create"/> gets the ticket and
    /// returns the new resource's id). The create runs first, without reading the key: the record commits with the
    /// resource or the create stores nothing, so the key's record is only
    /// read when the create is refused for it (a repeat, one racing the first, or another request: each waits on the
    /// first one's commit in PostgreSQL), and that repeat is answered by <paramref name="replay"/> from the stored id.
    /// A first request therefore costs no read and no grain of its own.
    /// </summary>
    public async Task<(CreatedResource<T> Resource, bool Replayed)> CreateOnceAsync<TRequest, T>(
        HttpRequest request,
        string scope,
        TRequest body,
        Func<IdempotencyTicket?, Task<(CreatedResource<T> Resource, long Id)>> create,
        Func<long, Task<CreatedResource<T>>> replay)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(replay);
        if (Ticket(request, scope, body) is not { } ticket)
        {
            return ((await create(null)).Resource, false);
        }

        try
        {
            return ((await cluster.RetryKeyedWriteAsync(() => create(ticket), request.HttpContext.RequestAborted)).Resource, false);
        }
        catch (DomainException held) when (held.Code == DomainErrorCode.IdempotencyKeyHeld)
        {
            var claim = await grains.GetGrain<IIdempotencyGrain>(ticket.Key).RecallAsync(ticket.Fingerprint);
            return claim.Status == IdempotencyClaimStatus.Completed
                // Records written before creates stored their own (migration 0007) hold the answer itself.
                ? (claim.ResourceId is { } id ? await replay(id) : Replay<T>(claim.Response!), true)
                : throw new ApiErrorException(ApiErrors.IdempotentRequestInProgress());
        }
    }

    /// <returns>Null when the request carries no <c>Idempotency-Key</c>.</returns>
    private IdempotencyTicket? Ticket<TRequest>(HttpRequest request, string scope, TRequest body)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IdempotencyKey.Read(request) is { } key
            ? new IdempotencyTicket { Key = $"{scope}:{key}", Fingerprint = RequestFingerprint.Compute(scope, key, body, Json) }
            : null;
    }

    private CreatedResource<T> Replay<T>(IdempotentResponse stored) =>
        new(JsonSerializer.Deserialize<T>(stored.Body, Json)!, stored.Location ?? string.Empty, stored.ETag ?? string.Empty);
}
