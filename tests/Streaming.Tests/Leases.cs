using Orleans.Streams;
using Shop.Streaming.Postgres;

namespace Shop.Streaming.Tests;

/// <summary>Reads leased batches the way a pulling agent sees them.</summary>
internal static class Leases
{
    public static async Task<List<PostgresBatchContainer>> ReadAsync(IQueueAdapterReceiver receiver, int maxCount = 100) =>
        [.. (await receiver.GetQueueMessagesAsync(maxCount, CancellationToken.None)).Cast<PostgresBatchContainer>()];

    public static string EventId(this PostgresBatchContainer batch) => batch.GetEvents<TestEvent>().Single().Item1.Id;

    /// <summary>Polls until the receiver leases something or the deadline passes.</summary>
    public static async Task<List<PostgresBatchContainer>> ReadWithinAsync(IQueueAdapterReceiver receiver, TimeSpan deadline)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        while (true)
        {
            var batches = await ReadAsync(receiver);
            if (batches.Count > 0 || DateTimeOffset.UtcNow > until)
            {
                return batches;
            }

            await Task.Delay(50);
        }
    }
}
