using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Shop.WebFront.Tests.Fixtures;

namespace Shop.WebFront.Tests;

/// <summary>No OTLP collector is configured here, so no spans are recorded; trace ids must still reach error bodies.</summary>
[Collection(ApiCollection.Name)]
public sealed class TraceIdTests(ApiFixture api) : IDisposable
{
    private readonly HttpClient _client = api.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Without_a_collector_an_error_carries_the_trace_id_of_the_callers_traceparent()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-resource");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(traceId, await TraceIdOf(response));
    }

    [Fact]
    public async Task Without_a_collector_or_a_traceparent_each_error_gets_a_trace_id_of_its_own()
    {
        using var first = await _client.GetAsync(new Uri("/api/no-such-resource", UriKind.Relative));
        using var second = await _client.GetAsync(new Uri("/api/no-such-resource", UriKind.Relative));

        var ids = new[] { await TraceIdOf(first), await TraceIdOf(second) };

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.NotEqual(ids[0], ids[1]);
    }

    private static async Task<string?> TraceIdOf(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("traceId").GetString();
    }
}
