using System.Diagnostics.Metrics;
using Shop.ServiceDefaults;

namespace Shop.Silo.Storage;

/// <summary>The grain storage histogram, exported by OpenTelemetry as <c>shop_grain_storage_duration_seconds</c>.</summary>
public sealed class StorageMetrics
{
    public const string MeterName = "Shop.Storage";

    private readonly Histogram<double> _duration;

    public StorageMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>(
            "shop.grain_storage.duration",
            unit: "s",
            description: "Duration of grain storage reads, writes and clears.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Seconds });
    }

    public void Record(TimeSpan elapsed, string grainType, string operation, bool succeeded) =>
        _duration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("grain_type", grainType),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "error"));
}
