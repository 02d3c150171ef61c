namespace Shop.Streaming.Postgres;

/// <summary>
/// One queue at a glance: <see cref="Ready"/> can be leased now, <see cref="InFlight"/> is leased by a reader,
/// <see cref="Delayed"/> waits for its retry backoff. <see cref="OldestReadyWait"/> is how long the oldest ready message
/// has been deliverable without being leased (zero when none is ready): growing, it means the queue's reader is stuck
/// or too slow, which a depth alone does not tell apart from a burst.
/// </summary>
internal sealed record StreamQueueDepth(int Queue, long Ready, long InFlight, long Delayed, long DeadLetters, TimeSpan OldestReadyWait);
