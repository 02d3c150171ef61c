namespace Shop.Streaming.Postgres;

/// <summary>
/// One queue at a glance: <see cref="Ready"/> can be leased now, <see cref="InFlight"/> is leased by a reader,
/// <see cref="Delayed"/> waits for its retry backoff.
/// </summary>
public sealed record StreamQueueDepth(int Queue, long Ready, long InFlight, long Delayed, long DeadLetters);
