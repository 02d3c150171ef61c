using System.Collections.Concurrent;

namespace Shop.WebFront.Tests.Auth;

/// <summary>Keeps the path and body of every response a client received.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<(string Path, string Body)> _responses = new();

    public IReadOnlyCollection<(string Path, string Body)> Responses => _responses;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        _responses.Enqueue((request.RequestUri!.AbsolutePath, await response.Content.ReadAsStringAsync(cancellationToken)));
        return response;
    }
}
