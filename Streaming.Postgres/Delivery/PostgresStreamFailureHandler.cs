using Orleans.Streams;

namespace Shop.Streaming.Postgres;

/// <summary>
/// Turns Orleans' "delivery failed" into a durable outcome for the message. The pulling agent calls this once a
/// consumer's delivery has failed (after its in-memory retries, which the provider's registration reduces to one
/// call) and marks the cached message so it is never handed to <c>MessagesDeliveredAsync</c>: the message is not
/// acknowledged, but either hidden for a backoff and delivered again, or, on its last attempt, dead-lettered.
/// </summary>
internal sealed class PostgresStreamFailureHandler(
    QueueId queueId,
    PostgresStreamOptions options,
    StreamMessageStore store,
    InFlightMessages inFlight,
    StreamMetrics? metrics,
    ILogger<PostgresStreamFailureHandler> logger) : IStreamFailureHandler
{
    private readonly int queue = QueueIndex.Of(queueId);

    // Faulting would drop explicit subscriptions after one bad event; failed events are retried here instead.
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(
        GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        // Several subscriptions of one stream may fail the same message; the first report settles it.
        if (sequenceToken is null || !inFlight.TryTake(sequenceToken.SequenceNumber, out var message))
        {
            logger.FailureWithoutLease(store.Provider, queue, sequenceToken);
            return;
        }

        var error = $"delivery to subscription {subscriptionId} of stream {streamIdentity} failed on attempt {message.Attempt}";
        try
        {
            if (message.Attempt >= options.MaxAttempts)
            {
                await store.DeadLetterAsync(message.Receipt, error, CancellationToken.None);
                logger.DeadLettered(store.Provider, queue, message.Seq, message.Attempt);
                metrics?.DeadLettered(store.Provider, streamIdentity.GetNamespace(), "attempts", 1);
            }
            else
            {
                var delay = RetrySchedule.DelayAfter(options, message.Attempt);
                await store.RetryLaterAsync(message.Receipt, delay, error, CancellationToken.None);
                logger.RetryScheduled(store.Provider, queue, message.Seq, message.Attempt, delay);
            }
        }
        catch (Exception exception)
        {
            // The lease is no longer renewed (taken from in-flight above), so the message still comes back.
            logger.FailureNotRecorded(exception, store.Provider, queue, message.Seq);
            throw;
        }
    }

    public Task OnSubscriptionFailure(
        GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        // Not the message's fault: it stays leased and is acknowledged or failed by the delivery that follows.
        logger.SubscriptionFailed(store.Provider, queue, streamIdentity.ToString(), subscriptionId.ToString());
        return Task.CompletedTask;
    }
}
