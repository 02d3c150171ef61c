namespace Shop.Grains.Interfaces.Jobs;

/// <summary>A job that used all its delivery attempts, as operators see it; its event stays stored for a re-drive.</summary>
[GenerateSerializer, Immutable, Alias("shop.dead-letter.v1")]
public sealed record DeadLetterView
{
    [Id(0)] public required Guid Id { get; init; }

    /// <summary>The stream namespace, e.g. <c>shop.users</c>: which kind of event it was.</summary>
    [Id(1)] public string? StreamNamespace { get; init; }

    /// <summary>The stream key: the id of the user or order the event is about.</summary>
    [Id(2)] public required string StreamKey { get; init; }

    [Id(3)] public required int Attempts { get; init; }

    [Id(4)] public string? LastError { get; init; }

    [Id(5)] public required DateTimeOffset EnqueuedAt { get; init; }

    [Id(6)] public required DateTimeOffset DeadLetteredAt { get; init; }
}
