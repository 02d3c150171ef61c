namespace Shop.Streaming.Postgres;

/// <summary>
/// Leases one queue's receiver holds and has not yet settled. Shared by the receiver (which leases, acknowledges,
/// renews and releases) and the queue's failure handler (which only learns the sequence token of a failed message),
/// so this maps sequence numbers to receipts. Thread-safe: the renewal loop runs beside the pulling agent.
/// </summary>
internal sealed class InFlightMessages
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, InFlightMessage> bySeq = [];

    public void Add(long seq, Guid receipt, int attempt)
    {
        lock (gate)
        {
            bySeq[seq] = new InFlightMessage(seq, receipt, attempt);
        }
    }

    public bool TryTake(long seq, out InFlightMessage message)
    {
        lock (gate)
        {
            return bySeq.Remove(seq, out message);
        }
    }

    public IReadOnlyList<Guid> Receipts()
    {
        lock (gate)
        {
            return [.. bySeq.Values.Select(message => message.Receipt)];
        }
    }

    public IReadOnlyList<Guid> TakeAll()
    {
        lock (gate)
        {
            var receipts = bySeq.Values.Select(message => message.Receipt).ToList();
            bySeq.Clear();
            return receipts;
        }
    }
}

internal readonly record struct InFlightMessage(long Seq, Guid Receipt, int Attempt);
