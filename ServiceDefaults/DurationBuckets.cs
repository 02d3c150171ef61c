namespace Shop.ServiceDefaults;

/// <summary>
/// Histogram bounds for durations in seconds: prom-client's defaults, which the seed's dashboards were built on.
/// OpenTelemetry's own defaults are meant for milliseconds and would put every request in the first bucket.
/// </summary>
public static class DurationBuckets
{
    public static IReadOnlyList<double> Seconds { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
}
