using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Idempotency;
using Shop.WebFront.Http;

namespace Shop.WebFront.Idempotency;

/// <summary>
/// Runs a create at most once per <c>Idempotency-Key</c>: the first request runs and its answer is stored in the
/// cluster; a retry with the same key and body gets that answer back; the same key with another body is a 422.
/// </summary>
public sealed class IdempotentRequests(IGrainFactory grains, IOptions<JsonOptions> jsonOptions)
{
    private JsonSerializerOptions Json => jsonOptions.Value.SerializerOptions;

    /// <param name="scope">Which kind of request the key belongs to; keys of different scopes never meet.</param>
    /// <returns>The resource and whether it was replayed from an earlier request.</returns>
    public async Task<(CreatedResource<T> Resource, bool Replayed)> CreateOnceAsync<TRequest, T>(
        HttpRequest request,
        string scope,
        TRequest body,
        Func<Task<CreatedResource<T>>> create)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(create);
        if (IdempotencyKey.Read(request) is not { } key)
        {
            return (await create(), false);
        }

        var fingerprint = RequestFingerprint.Compute(scope, key, body, Json);
        var record = grains.GetGrain<IIdempotencyGrain>($"{scope}:{key}");
        var claim = await record.BeginAsync(fingerprint);
        switch (claim.Status)
        {
            case IdempotencyClaimStatus.Completed:
                return (Replay<T>(claim.Response!), true);
            case IdempotencyClaimStatus.InProgress:
                throw new ApiErrorException(ApiErrors.IdempotentRequestInProgress());
        }

        CreatedResource<T> created;
        try
        {
            created = await create();
        }
        catch (DomainException)
        {
            // The request was refused and changed nothing: let a corrected retry use the key.
            await record.AbandonAsync(fingerprint);
            throw;
        }

        await record.CompleteAsync(fingerprint, new IdempotentResponse
        {
            StatusCode = StatusCodes.Status201Created,
            Body = JsonSerializer.Serialize(created.Body, Json),
            Location = created.Location,
            ETag = created.ETag,
        });
        return (created, false);
    }

    private CreatedResource<T> Replay<T>(IdempotentResponse stored) =>
        new(JsonSerializer.Deserialize<T>(stored.Body, Json)!, stored.Location ?? string.Empty, stored.ETag ?? string.Empty);
}
