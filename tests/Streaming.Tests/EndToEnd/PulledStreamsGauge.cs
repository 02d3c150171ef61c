using System.Diagnostics.Metrics;

namespace Shop.Streaming.Tests.EndToEnd;

/// <summary>
/// How many streams the silos of this process keep consumers and cursors for: Orleans' own gauge of its pulling agents
/// (one series per queue, summed).
/// </summary>
internal sealed class PulledStreamsGauge : IDisposable
{
    private const string Instrument = "orleans-streams-persistent-stream-pubsub-cache-size";

    private readonly MeterListener _listener = new();
    private long _sum;

    public PulledStreamsGauge()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _sum, value));
        _listener.Start();
    }

    public long Read()
    {
        Interlocked.Exchange(ref _sum, 0);
        _listener.RecordObservableInstruments();
        return Interlocked.Read(ref _sum);
    }

    public void Dispose() => _listener.Dispose();
}
