using System.Diagnostics.Metrics;
using Shop.ServiceDefaults;

namespace Shop.WebFront.Metrics;

/// <summary>
/// The seed's prom-client request metrics, kept under their names so its dashboards and alerts still work:
/// <c>http_request_duration_seconds</c> (histogram) and <c>http_requests_total</c> (counter), labelled
/// <c>method</c>, <c>route</c> and <c>status_code</c>. OpenTelemetry's Prometheus exporter appends the unit
/// (<c>_seconds</c>) and, for counters, <c>_total</c>, which is why the instruments are named without them.
/// </summary>
public sealed class HttpMetrics
{
    public const string MeterName = "Shop.WebFront.Http";

    private static readonly HashSet<string> KnownMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    };

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _requests;

    public HttpMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>(
            "http_request_duration",
            unit: "s",
            description: "Duration of HTTP requests.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Seconds });
        _requests = meter.CreateCounter<long>("http_requests", unit: null, description: "HTTP requests answered.");
    }

    /// <param name="route">The route template (<see cref="RouteLabel"/>), never the raw path: labels must stay few.</param>
    public void Record(string method, string route, int statusCode, TimeSpan elapsed)
    {
        var tags = new System.Diagnostics.TagList
        {
            { "method", KnownMethods.Contains(method) ? method.ToUpperInvariant() : "OTHER" },
            { "route", route },
            { "status_code", statusCode },
        };
        _duration.Record(elapsed.TotalSeconds, tags);
        _requests.Add(1, tags);
    }
}
