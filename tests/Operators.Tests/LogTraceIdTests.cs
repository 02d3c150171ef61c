using Shop.Operators.Tests.Fixtures;
using Shop.Operators.Tests.Logs;
using Shop.TestSupport;

namespace Shop.Operators.Tests;

/// <summary>
/// The co-hosted silo exports no traces (no OTLP endpoint), yet the lines its grains write for a request carry the
/// request's trace id, and so do the lines of the jobs that request started.
/// </summary>
[Collection(CoHostedCollection.Name)]
public sealed class LogTraceIdTests(CoHostedSystem system)
{
    [Fact]
    public async Task Without_tracing_the_grains_log_lines_for_a_request_carry_its_trace_id_and_a_span_id()
    {
        using var api = system.CreateApiClient();
        var trace = TraceParent.NewSampled();

        var id = await ShopApi.CreateUserAsync(api, trace);

        var created = await LinesAsync(entry => entry.Message == $"User {id} created");
        var line = Assert.Single(created);
        Assert.Equal(trace.TraceId, line.TraceId);
        Assert.Matches("^[0-9a-f]{16}$", line.SpanId);
    }

    [Fact]
    public async Task Without_tracing_the_welcome_email_job_a_sign_up_starts_logs_under_the_sign_ups_trace_id()
    {
        using var api = system.CreateApiClient();
        var trace = TraceParent.NewSampled();

        var id = await ShopApi.CreateUserAsync(api, trace);

        var sent = await LinesAsync(entry => entry.Category.EndsWith(".EmailDelivery", StringComparison.Ordinal) && entry.Field("Key") == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(trace.TraceId, Assert.Single(sent).TraceId);
    }

    private Task<List<JsonLogEntry>> LinesAsync(Func<JsonLogEntry, bool> match) => Poll.ReadUntilAsync(
        () => Task.FromResult(JsonLogEntry.ReadAll(system.Silo.LogFile).Where(match).ToList()),
        found => found.Count > 0, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
}
