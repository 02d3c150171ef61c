using Orleans.Streams;
using Shop.Grains.Interfaces.Events;

namespace Shop.Grains.Email;

/// <summary>
/// Hands a job back to the durable queue for later, as a fresh message (no attempt used) not delivered before a given
/// time. It goes to a namespace of the job's own, keyed like its grain, so subscribers of the original event stream
/// never see it twice. The job's delivery then returns normally and its original message is acknowledged: the copy is
/// committed first, so a crash in between leaves two (the grain's sent marker makes the second a no-op), never none.
/// </summary>
internal static class DeferredJobs
{
    public static async Task DeferAsync<T>(this Grain grain, string jobNamespace, T item, DateTimeOffset notBefore)
    {
        var stream = grain.GetStreamProvider(ShopStreams.Provider)
            .GetStream<T>(StreamId.Create(jobNamespace, grain.GetPrimaryKeyLong()));
        RequestContext.Set(ShopStreams.DeliverNotBeforeKey, notBefore);
        try
        {
            await stream.OnNextAsync(item);
        }
        finally
        {
            // The context flows into every later call of this turn; the delivery time belongs to this message only.
            RequestContext.Remove(ShopStreams.DeliverNotBeforeKey);
        }
    }
}
