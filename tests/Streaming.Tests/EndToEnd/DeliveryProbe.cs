using System.Collections.Concurrent;

namespace Shop.Streaming.Tests.EndToEnd;

/// <summary>What the test consumer saw, per event id: when each delivery arrived and whether it was accepted.</summary>
public sealed class DeliveryProbe
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> deliveries = new();
    private readonly ConcurrentDictionary<string, int> consumed = new();

    /// <summary>Records a delivery and returns its number (1 for the first).</summary>
    public int Delivered(string eventId)
    {
        var arrivals = deliveries.GetOrAdd(eventId, _ => new ConcurrentQueue<DateTimeOffset>());
        arrivals.Enqueue(DateTimeOffset.UtcNow);
        return arrivals.Count;
    }

    public void Consumed(string eventId) => consumed.AddOrUpdate(eventId, 1, (_, count) => count + 1);

    public IReadOnlyList<DateTimeOffset> DeliveriesOf(string eventId) =>
        deliveries.TryGetValue(eventId, out var arrivals) ? [.. arrivals] : [];

    public int TimesConsumed(string eventId) => consumed.GetValueOrDefault(eventId);
}
