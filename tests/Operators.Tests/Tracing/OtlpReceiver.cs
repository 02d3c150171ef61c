using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shop.TestSupport;

namespace Shop.Operators.Tests.Tracing;

/// <summary>
/// A stand-in OpenTelemetry collector: OTLP over HTTP (protobuf) on a free loopback port. It keeps the spans the hosts
/// export and accepts, without reading, their metrics and logs.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();
    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

    public IReadOnlyCollection<ExportedSpan> Spans => _spans;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        Endpoint = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        builder.WebHost.UseUrls(Endpoint.ToString());
        _app = builder.Build();
        _app.MapPost("/v1/traces", ReceiveTracesAsync);
        _app.MapPost("/v1/metrics", () => Results.Ok());
        _app.MapPost("/v1/logs", () => Results.Ok());
        await _app.StartAsync();
    }

    /// <summary>Waits until the spans of <paramref name="traceId"/> satisfy <paramref name="complete"/>; returns them.</summary>
    public async Task<IReadOnlyList<ExportedSpan>> WaitForTraceAsync(
        string traceId, Func<IReadOnlyList<ExportedSpan>, bool> complete, TimeSpan timeout) =>
        await Poll.ReadUntilAsync(
            () => Task.FromResult(_spans.Where(span => span.TraceId == traceId).ToList()),
            trace => complete(trace),
            timeout,
            TimeSpan.FromMilliseconds(100));

    private async Task<IResult> ReceiveTracesAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        var source = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        await using (source)
        {
            await source.CopyToAsync(body);
        }

        foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
        {
            _spans.Enqueue(span);
        }

        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
