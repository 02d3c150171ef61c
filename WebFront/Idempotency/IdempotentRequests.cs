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
/// Runs a create at most once per <c>Idempotency-Key</c>: the first request runs and its answer is stored in the
/// cluster; a retry with the same key and body gets that answer back; the same key with another body is a 422.
/// </summary>
public sealed class IdempotentRequests(IGrainFactory grains, ClusterCalls cluster, IOptions<JsonOptions> jsonOptions)
{
    private JsonSerializerOptions Json => jsonOptions.Value.SerializerOptions;

    /// <param name="scope">Which kind of request the key belongs to; keys of different scopes never meet.</param>
    /// <param name="create">Creates the resource; gets the key's ticket, or null when the request has no key.</param>
    /// <param name="findCreated">
    /// Finds the resource an earlier attempt of this very request may have created before its answer was lost (a sign-up:
    /// the account with this e-mail and this password), or null. With it, a keyed create is retried through a silo's
    /// death: each repeat first looks for what the lost attempt did, so nothing is created twice.
    /// </param>
    /// <returns>The resource and whether it was replayed from an earlier request.</returns>
    public async Task<(CreatedResource<T> Resource, bool Replayed)> CreateOnceAsync<TRequest, T>(
        HttpRequest request,
        string scope,
        TRequest body,
        Func<IdempotencyTicket?, Task<CreatedResource<T>>> create,
        Func<Task<CreatedResource<T>?>> findCreated)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(findCreated);
        if (await ClaimAsync(request, scope, body) is not { } claimed)
        {
            return (await create(null), false);
        }

        if (claimed.Claim.Status == IdempotencyClaimStatus.Completed)
        {
            return (Replay<T>(claimed.Claim.Response!), true);
        }

        var attempts = 0;
        async Task<CreatedResource<T>> AttemptAsync()
        {
            if (attempts++ > 0 && await findCreated() is { } earlier)
            {
                return earlier;
            }

            try
            {
                return await create(claimed.Ticket);
            }
            catch (DomainException)
            {
                // An attempt of this request whose answer was lost (in this call, or a client's earlier try with the
                // same key) may have created it after all, even one that finished late on a thawed silo: then it is ours.
                var finished = await findCreated();
                if (finished is null)
                {
                    throw;
                }

                return finished;
            }
        }

        var created = await RunAsync(claimed, AttemptAsync, request.HttpContext.RequestAborted);
        await claimed.Record.CompleteAsync(claimed.Ticket.Fingerprint, new IdempotentResponse
        {
            StatusCode = StatusCodes.Status201Created,
            Body = JsonSerializer.Serialize(created.Body, Json),
            Location = created.Location,
            ETag = created.ETag,
        });
        return (created, false);
    }

    /// <summary>
    /// <see cref="CreateOnceAsync{TRequest, T}"/> for a create that stores the key's record in its own transaction
    /// (<paramref name="create"/> gets the ticket and returns the new resource's id). The create runs first, without
    /// reading the key: the record commits with the resource or the create stores nothing, so the key's record is only
    /// read when the create is refused for it (a repeat, one racing the first, or another request: each waits on the
    /// first one's commit in PostgreSQL), and that repeat is answered by <paramref name="replay"/> from the stored id.
    /// A first request therefore costs no read and no grain of its own.
    /// </summary>
    public async Task<(CreatedResource<T> Resource, bool Replayed)> CreateRecordedOnceAsync<TRequest, T>(
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

    /// <returns>Null when the request carries no key; otherwise the key's record, acquired or completed.</returns>
    private async Task<Claimed?> ClaimAsync<TRequest>(HttpRequest request, string scope, TRequest body)
    {
        if (Ticket(request, scope, body) is not { } ticket)
        {
            return null;
        }

        var record = grains.GetGrain<IIdempotencyGrain>(ticket.Key);
        var claim = await record.BeginAsync(ticket.Fingerprint);
        return claim.Status == IdempotencyClaimStatus.InProgress
            ? throw new ApiErrorException(ApiErrors.IdempotentRequestInProgress())
            : new Claimed(record, ticket, claim);
    }

    /// <returns>Null when the request carries no <c>Idempotency-Key</c>.</returns>
    private IdempotencyTicket? Ticket<TRequest>(HttpRequest request, string scope, TRequest body)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IdempotencyKey.Read(request) is { } key
            ? new IdempotencyTicket { Key = $"{scope}:{key}", Fingerprint = RequestFingerprint.Compute(scope, key, body, Json) }
            : null;
    }

    /// <summary>
    /// Runs a keyed create, repeated through a silo's death like a read (each caller makes its repeats safe). When it
    /// fails, the key is released: after a refusal nothing changed, so a corrected retry may use it; after a failure
    /// that leaves it unknown whether it happened, the client's retry runs at once instead of finding the key held until
    /// its lease ends, because the record is read again first and a create that did happen is found by its findCreated.
    /// </summary>
    private async Task<TResult> RunAsync<TResult>(Claimed claimed, Func<Task<TResult>> create, CancellationToken cancellationToken)
    {
        try
        {
            return await cluster.RetryKeyedWriteAsync(create, cancellationToken);
        }
        catch (Exception exception) when (exception is DomainException || ClusterFailures.IsUnavailable(exception))
        {
            await claimed.Record.AbandonAsync(claimed.Ticket.Fingerprint);
            throw;
        }
    }

    private CreatedResource<T> Replay<T>(IdempotentResponse stored) =>
        new(JsonSerializer.Deserialize<T>(stored.Body, Json)!, stored.Location ?? string.Empty, stored.ETag ?? string.Empty);

    private sealed record Claimed(IIdempotencyGrain Record, IdempotencyTicket Ticket, IdempotencyClaim Claim);
}
