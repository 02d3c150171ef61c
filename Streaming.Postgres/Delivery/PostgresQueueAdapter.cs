using Orleans.Serialization;
using Orleans.Streams;

namespace Shop.Streaming.Postgres;

/// <summary>Writes produced events to their stream's queue and opens receivers for the pulling agents.</summary>
internal sealed class PostgresQueueAdapter(
    string name,
    PostgresStreamOptions options,
    StreamMessageStore store,
    IStreamQueueMapper queueMapper,
    Serializer<StreamMessageBody> serializer,
    Func<QueueId, InFlightMessages> inFlightFor,
    QueueWatch watch,
    StreamMetrics? metrics,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    public string Name => name;

    // Delivery is by lease and acknowledgement, not by replaying from an offset.
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <summary>
    /// Stores the batch as one row of the stream's queue. When this returns, the events are committed: a producer
    /// that gets no exception can forget them. A producer that set <see cref="PostgresStreamDelivery.NotBeforeKey"/>
    /// in its request context delays the batch until then.
    /// </summary>
    public async Task QueueMessageBatchAsync<T>(
        StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (token is not null)
        {
            throw new ArgumentException("The PostgreSQL stream provider assigns sequence tokens itself.", nameof(token));
        }

        var (context, delay) = PostgresStreamDelivery.TakeDelay(requestContext, timeProvider.GetUtcNow());
        var body = new StreamMessageBody(streamId, events.Cast<object>().ToList(), context);
        var queue = QueueIndex.Of(queueMapper.GetQueueForStream(streamId));
        await store.EnqueueAsync(queue, streamId, serializer.SerializeToArray(body), delay, CancellationToken.None);
        watch.Written(queue, delay);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new PostgresQueueAdapterReceiver(
            queueId,
            options,
            store,
            serializer,
            inFlightFor(queueId),
            watch,
            metrics,
            loggerFactory.CreateLogger<PostgresQueueAdapterReceiver>());
}
