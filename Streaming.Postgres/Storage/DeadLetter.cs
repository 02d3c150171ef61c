namespace Shop.Streaming.Postgres;

/// <summary>A message that used all its attempts (or expired), as operators see it; the payload stays in the table.</summary>
public sealed record DeadLetter(
    Guid Id,
    int Queue,
    string? StreamNamespace,
    string StreamKey,
    int Attempts,
    string? LastError,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset DeadLetteredAt);
