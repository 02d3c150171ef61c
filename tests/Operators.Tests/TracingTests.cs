using System.Net;
using System.Text.Json;
using Shop.Operators.Tests.Fixtures;
using Shop.Operators.Tests.Logs;
using Shop.Operators.Tests.Tracing;
using Shop.TestSupport;

namespace Shop.Operators.Tests;

/// <summary>Traces as the OTLP collector receives them, and trace ids where people meet them: errors and logs.</summary>
[Collection(OperatorsCollection.Name)]
public sealed class TracingTests(OperatorsSystem system)
{
    [Fact]
    public async Task One_trace_runs_from_the_HTTP_request_through_grain_calls_to_PostgreSQL()
    {
        using var api = system.CreateApiClient();
        var trace = TraceParent.NewSampled();

        await ShopApi.CreateUserAsync(api, trace);

        var spans = await system.Otlp.WaitForTraceAsync(
            trace.TraceId, received => PostgresSpansUnderTheRequest(received).Any(), TimeSpan.FromSeconds(20));
        var story = string.Join('\n', spans);
        var request = Assert.Single(spans, IsHttpRequest);
        Assert.Equal("POST", request.Attributes.GetValueOrDefault("http.request.method"));
        Assert.Equal("/api/users/", request.Attributes.GetValueOrDefault("http.route"));
        Assert.Contains(spans, span => span.ServiceName == "shop-webfront" && span.Kind == SpanKind.Client && IsOrleans(span));
        Assert.Contains(spans, span => span.ServiceName == "shop-silo" && span.Kind == SpanKind.Server && IsOrleans(span));
        Assert.True(PostgresSpansUnderTheRequest(spans).Any(), $"no PostgreSQL span descends from the request:\n{story}");
        Assert.All(spans.Where(IsPostgres), span => Assert.Equal("postgresql", span.Attributes.GetValueOrDefault("db.system") ?? span.Attributes.GetValueOrDefault("db.system.name")));
    }

    [Fact]
    public async Task An_error_response_and_the_request_log_carry_the_trace_id_of_the_request()
    {
        using var api = system.CreateApiClient();
        var trace = TraceParent.NewSampled();

        using var response = await ShopApi.GetAsync(api, "/api/no-such-resource", trace);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(trace.TraceId, body.RootElement.GetProperty("traceId").GetString());
        var logged = await WaitForAsync(() => JsonLogEntry.ReadAll(system.WebFront.LogFile)
            .Where(entry => entry.TraceId == trace.TraceId && entry.Message.Contains("/api/no-such-resource", StringComparison.Ordinal))
            .ToList());
        Assert.Contains(logged, entry => entry.Message.Contains(" 404 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Background_work_of_Orleans_and_of_the_database_starts_no_traces_of_its_own()
    {
        using var api = system.CreateApiClient();
        var trace = TraceParent.NewSampled();

        // Once this request's spans have arrived, the silo has exported everything from before it too.
        await ShopApi.CreateUserAsync(api, trace);
        var spans = await system.Otlp.WaitForTraceAsync(trace.TraceId, received => received.Any(IsPostgres), TimeSpan.FromSeconds(20));
        Assert.Contains(spans, IsPostgres);

        // Stream pulling agents alone tick several times a second; unfiltered, each tick is a trace with a query in it.
        Assert.DoesNotContain(system.Otlp.Spans, span => span.ParentSpanId.Length == 0
            && (span.ScopeName == "Microsoft.Orleans.Runtime" || span.ScopeName == "Npgsql"));
    }

    private static bool IsHttpRequest(ExportedSpan span) =>
        span.ServiceName == "shop-webfront" && span.Kind == SpanKind.Server && span.ScopeName == "Microsoft.AspNetCore";

    private static bool IsOrleans(ExportedSpan span) => span.ScopeName.StartsWith("Microsoft.Orleans", StringComparison.Ordinal);

    private static bool IsPostgres(ExportedSpan span) => span.ServiceName == "shop-silo" && span.ScopeName == "Npgsql";

    /// <summary>PostgreSQL spans whose chain of parents, across both processes, reaches WebFront's request span.</summary>
    private static IEnumerable<ExportedSpan> PostgresSpansUnderTheRequest(IReadOnlyList<ExportedSpan> spans)
    {
        var byId = spans.GroupBy(span => span.SpanId).ToDictionary(group => group.Key, group => group.First());
        foreach (var span in spans.Where(IsPostgres))
        {
            var current = span;
            for (var depth = 0; depth < 32 && byId.TryGetValue(current.ParentSpanId, out var parent); depth++)
            {
                if (IsHttpRequest(parent))
                {
                    yield return span;
                    break;
                }

                current = parent;
            }
        }
    }

    private static Task<List<JsonLogEntry>> WaitForAsync(Func<List<JsonLogEntry>> find) =>
        Poll.ReadUntilAsync(() => Task.FromResult(find()), found => found.Count > 0, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
}
