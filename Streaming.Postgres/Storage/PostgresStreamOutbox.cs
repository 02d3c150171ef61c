using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;

namespace Shop.Streaming.Postgres;

/// <summary>
/// Lets a writer put an event into a stream's queue inside its own transaction (the outbox pattern): the row is the
/// one <see cref="PostgresQueueAdapter"/> would insert, so the provider delivers it like any produced event, and the
/// event commits or rolls back with the change it describes. Insert <see cref="OutboxMessage"/>'s values into
/// <see cref="Columns"/>, and after the commit call <see cref="Committed"/>; the reader gives the row its sequence number.
/// <para>
/// Public, unlike the rest of the provider's storage, because the host writes these rows in its own statements (the
/// order store puts the order and its event in one). Hosts resolve it keyed by the provider name; only the provider
/// builds it, since its queue ring and <see cref="QueueWatch"/> must be the provider's own.
/// </para>
/// </summary>
public sealed class PostgresStreamOutbox
{
    /// <summary>The target of the insert, in the order of <see cref="OutboxMessage"/>'s members.</summary>
    public const string Columns = "stream_messages (provider, queue_id, stream_namespace, stream_key, payload)";

    private readonly string provider;
    private readonly Serializer<StreamMessageBody> serializer;
    private readonly QueueWatch watch;

    // The same ring the provider builds from its name and queue count (PostgresQueueAdapterFactory), so a stream maps
    // to the queue its pulling agent reads.
    private readonly HashRingBasedStreamQueueMapper queueMapper;

    internal PostgresStreamOutbox(string provider, int queueCount, Serializer<StreamMessageBody> serializer, QueueWatch watch)
    {
        this.provider = provider;
        this.serializer = serializer;
        this.watch = watch;
        queueMapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = queueCount }, provider);
    }

    public OutboxMessage Message(StreamId streamId, object item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new OutboxMessage(
            provider,
            QueueIndex.Of(queueMapper.GetQueueForStream(streamId)),
            streamId.GetNamespace(),
            streamId.GetKeyAsString(),
            serializer.SerializeToArray(new StreamMessageBody(streamId, [item], CallersContext())));
    }

    // What a produced event carries too (Orleans hands the producer's request context to the adapter), so the consumer
    // runs under the writer's request context: the caller's trace id reaches the job's log lines. Never a delivery
    // time: the outbox's rows are due at once.
    private static Dictionary<string, object>? CallersContext()
    {
        var context = RequestContext.Keys
            .Where(key => key != PostgresStreamDelivery.NotBeforeKey && RequestContext.Get(key) is not null)
            .ToDictionary(key => key, key => RequestContext.Get(key)!);
        return context.Count > 0 ? context : null;
    }

    /// <summary>The writer's transaction committed <paramref name="message"/>: its queue is read at once if this silo reads it.</summary>
    public void Committed(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        watch.Written(message.Queue, TimeSpan.Zero);
    }
}

/// <summary>The values of one <see cref="PostgresStreamOutbox.Columns"/> row.</summary>
public sealed record OutboxMessage(string Provider, int Queue, string? Namespace, string Key, byte[] Payload);
