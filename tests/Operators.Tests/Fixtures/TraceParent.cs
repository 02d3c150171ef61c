using System.Diagnostics;

namespace Shop.Operators.Tests.Fixtures;

/// <summary>A W3C <c>traceparent</c> the test chooses, so it can look for its trace id afterwards.</summary>
public sealed record TraceParent(string TraceId, string Header)
{
    public static TraceParent NewSampled()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        return new TraceParent(traceId, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    public void AddTo(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add("traceparent", Header);
    }
}
