using System.Globalization;

namespace Shop.Operators.Tests.Tracing;

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry-proto, trace/v1): resource spans → resource attributes
/// (<c>service.name</c>) and scope spans → scope name and spans.
/// </summary>
internal static class OtlpTraceDecoder
{
    public static IEnumerable<ExportedSpan> Decode(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceSpans in ProtoReader.Fields(request).Where(f => f.Number == 1))
        {
            var service = "";
            var scopes = new List<ReadOnlyMemory<byte>>();
            foreach (var field in ProtoReader.Fields(resourceSpans.Bytes))
            {
                if (field.Number == 1)
                {
                    var resource = Attributes(ProtoReader.Fields(field.Bytes).Where(f => f.Number == 1));
                    service = resource.GetValueOrDefault("service.name", "");
                }
                else if (field.Number == 2)
                {
                    scopes.Add(field.Bytes);
                }
            }

            foreach (var scopeSpans in scopes)
            {
                var scope = "";
                var spans = new List<ReadOnlyMemory<byte>>();
                foreach (var field in ProtoReader.Fields(scopeSpans))
                {
                    if (field.Number == 1)
                    {
                        scope = ProtoReader.Fields(field.Bytes).FirstOrDefault(f => f.Number == 1).Text ?? "";
                    }
                    else if (field.Number == 2)
                    {
                        spans.Add(field.Bytes);
                    }
                }

                foreach (var span in spans)
                {
                    yield return Span(service, scope, span);
                }
            }
        }
    }

    private static ExportedSpan Span(string service, string scope, ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = SpanKind.Unspecified;
        var attributes = new List<ProtoReader.Field>();
        foreach (var field in ProtoReader.Fields(span))
        {
            switch (field.Number)
            {
                case 1: traceId = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 2: spanId = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 4: parentSpanId = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 5: name = field.Text; break;
                case 6: kind = (SpanKind)field.Integer; break;
                case 9: attributes.Add(field); break;
            }
        }

        return new ExportedSpan(service, scope, traceId, spanId, parentSpanId, name, kind, Attributes(attributes));
    }

    /// <summary>KeyValue { key = 1; AnyValue value = 2 }; AnyValue's string, bool, int and double as text.</summary>
    private static Dictionary<string, string> Attributes(IEnumerable<ProtoReader.Field> keyValues)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in keyValues)
        {
            string key = "", value = "";
            foreach (var field in ProtoReader.Fields(keyValue.Bytes))
            {
                if (field.Number == 1)
                {
                    key = field.Text;
                }
                else if (field.Number == 2)
                {
                    value = AnyValue(field.Bytes);
                }
            }

            result[key] = value;
        }

        return result;
    }

    private static string AnyValue(ReadOnlyMemory<byte> anyValue)
    {
        foreach (var field in ProtoReader.Fields(anyValue))
        {
            return field.Number switch
            {
                1 => field.Text,
                2 => (field.Integer != 0).ToString(CultureInfo.InvariantCulture),
                3 => ((long)field.Integer).ToString(CultureInfo.InvariantCulture),
                4 => BitConverter.UInt64BitsToDouble(field.Integer).ToString(CultureInfo.InvariantCulture),
                _ => "",
            };
        }

        return "";
    }
}
