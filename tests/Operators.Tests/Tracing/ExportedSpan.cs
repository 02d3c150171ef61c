namespace Shop.Operators.Tests.Tracing;

/// <summary>A span as a host exported it over OTLP; ids are lower-case hex, as in <c>traceparent</c>.</summary>
public sealed record ExportedSpan(
    string ServiceName,
    string ScopeName,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    SpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    public override string ToString() => $"{ServiceName} [{ScopeName}] {Kind} '{Name}' {SpanId} <- {ParentSpanId}";
}

public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
