using System.Diagnostics;
using System.Globalization;

namespace Shop.Bench.GrainClient;

/// <summary>Latency samples in stopwatch ticks; percentiles in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<long> ticks = [];

    public int Count => ticks.Count;

    public void Add(long elapsedTicks) => ticks.Add(elapsedTicks);

    public void AddRange(Latencies other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ticks.AddRange(other.ticks);
    }

    public double PercentileMs(double percentile)
    {
        if (ticks.Count == 0)
        {
            return double.NaN;
        }

        ticks.Sort();
        var index = (int)Math.Clamp(Math.Ceiling(percentile / 100 * ticks.Count) - 1, 0, ticks.Count - 1);
        return ticks[index] * 1000.0 / Stopwatch.Frequency;
    }

    public static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
