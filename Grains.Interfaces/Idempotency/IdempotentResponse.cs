namespace Shop.Grains.Interfaces.Idempotency;

/// <summary>The first answer to an idempotent request, replayed as it was to every retry with the same key.</summary>
[GenerateSerializer, Immutable, Alias("shop.idempotent-response.v1")]
public sealed record IdempotentResponse
{
    [Id(0)] public required int StatusCode { get; init; }

    /// <summary>The response body as the caller serialised it (JSON).</summary>
    [Id(1)] public required string Body { get; init; }

    [Id(2)] public string? Location { get; init; }

    [Id(3)] public string? ETag { get; init; }
}
