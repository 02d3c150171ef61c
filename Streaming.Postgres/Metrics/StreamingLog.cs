using Orleans.Streams;

namespace Shop.Streaming.Postgres;

internal static partial class StreamingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Stream message {Seq} of {Provider}/{Queue} failed on attempt {Attempt}; next attempt in {Delay}")]
    public static partial void RetryScheduled(this ILogger logger, string provider, int queue, long seq, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Stream message {Seq} of {Provider}/{Queue} failed on its last attempt ({Attempt}) and moved to the dead letters")]
    public static partial void DeadLettered(this ILogger logger, string provider, int queue, long seq, int attempt);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error,
        Message = "Could not record the failed delivery of stream message {Seq} of {Provider}/{Queue}; its lease will run out and it will be delivered again")]
    public static partial void FailureNotRecorded(this ILogger logger, Exception exception, string provider, int queue, long seq);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug,
        Message = "Delivery failure reported for {Provider}/{Queue} token {Token}, but this silo holds no lease for it")]
    public static partial void FailureWithoutLease(this ILogger logger, string provider, int queue, StreamSequenceToken? token);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning,
        Message = "Subscription failure on stream {StreamId} of {Provider}/{Queue} (subscription {SubscriptionId})")]
    public static partial void SubscriptionFailed(this ILogger logger, string provider, int queue, string streamId, string subscriptionId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error,
        Message = "Stream message {Seq} of {Provider}/{Queue} cannot be read and moved to the dead letters")]
    public static partial void UnreadablePayload(this ILogger logger, Exception exception, string provider, int queue, long seq);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning,
        Message = "Lease renewal of {Provider}/{Queue} failed; retrying on the next tick")]
    public static partial void MaintenanceFailed(this ILogger logger, Exception exception, string provider, int queue);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information,
        Message = "Cleanup of {Provider}'s queues {Queues}: {Expired} expired message(s) moved to the dead letters, {Purged} old dead letter(s) deleted")]
    public static partial void CleanedUp(this ILogger logger, string provider, int[] queues, int expired, int purged);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information,
        Message = "Receiver of {Provider}/{Queue} stopped and handed back {Released} leased message(s)")]
    public static partial void Released(this ILogger logger, string provider, int queue, int released);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning,
        Message = "Receiver of {Provider}/{Queue} could not hand back its leases; they become visible when they run out")]
    public static partial void ReleaseFailed(this ILogger logger, Exception exception, string provider, int queue);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning,
        Message = "Could not read the queue depths of {Provider}; the gauges keep their last values")]
    public static partial void DepthsUnavailable(this ILogger logger, Exception exception, string provider);
}
