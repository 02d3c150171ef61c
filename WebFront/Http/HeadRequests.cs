using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Shop.WebFront.Http;

/// <summary>
/// HEAD answers as GET would, without the body (RFC 9110 §9.3.2). Minimal APIs route HEAD only to endpoints that list
/// it, and listing it beside GET on every endpoint would give the OpenAPI document a second operation (with the same
/// operation id) for each; so a HEAD request is routed as GET here, and what it writes is dropped whatever the server.
/// </summary>
internal static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!HttpMethods.IsHead(request.Method))
            {
                AdvertiseHeadWhereGetIsAllowed(context.Response);
                await next(context);
                return;
            }

            request.Method = HttpMethods.Get;
            var server = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new DiscardedBody(server));
            try
            {
                await next(context);
            }
            finally
            {
                // Metrics and logs outside this middleware name the method the client sent.
                request.Method = HttpMethods.Head;
                context.Features.Set(server);
            }
        });

    /// <summary>A 405 lists what the resource supports (RFC 9110 §15.5.6), and wherever GET works, so does HEAD.</summary>
    private static void AdvertiseHeadWhereGetIsAllowed(HttpResponse response) =>
        response.OnStarting(() =>
        {
            if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                var allowed = response.Headers.Allow.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (allowed.Contains(HttpMethods.Get) && !allowed.Contains(HttpMethods.Head))
                {
                    response.Headers[HeaderNames.Allow] = string.Join(", ", [.. allowed, HttpMethods.Head]);
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// Drops what the handler writes but starts and completes the response when it does, so the headers of a response
    /// that streams (the dashboard's live trace) go out as soon as the handler starts it.
    /// </summary>
    private sealed class DiscardedBody(IHttpResponseBodyFeature server) : IHttpResponseBodyFeature
    {
        public Stream Stream => Stream.Null;

        public PipeWriter Writer { get; } = PipeWriter.Create(Stream.Null);

        public void DisableBuffering() => server.DisableBuffering();

        public Task StartAsync(CancellationToken cancellationToken = default) => server.StartAsync(cancellationToken);

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            server.StartAsync(cancellationToken);

        public Task CompleteAsync() => server.CompleteAsync();
    }
}
