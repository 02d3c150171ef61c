using Orleans.Streams;

namespace Shop.Streaming.Postgres;

/// <summary>The HashRing mapper numbers a provider's queues 0..n-1; that number is the <c>queue_id</c> column.</summary>
internal static class QueueIndex
{
    public static int Of(QueueId queueId) => checked((int)queueId.GetNumericId());
}
