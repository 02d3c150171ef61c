using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Shop.Gateway;

/// <summary>
/// A read that could not reach its silo (a silo just killed refuses connections until the health checks notice, a few
/// seconds) is sent to another silo instead of failing: GET and HEAD carry no body and change nothing, so repeating them
/// is safe. Writes are not repeated here: the client repeats them with their Idempotency-Key.
/// </summary>
internal static class ReadRetry
{
    private const int MaxAttempts = 3;

    public static IReverseProxyApplicationBuilder UseReadRetry(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            var retryable = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
            var proxied = context.GetReverseProxyFeature();
            // Load balancing narrows the request's choice to the one destination it picked: keep the whole list.
            var candidates = proxied.AvailableDestinations;
            for (var attempt = 1; ; attempt++)
            {
                await next();
                var failure = context.Features.Get<IForwarderErrorFeature>();
                if (!retryable || attempt >= MaxAttempts || context.Response.HasStarted || failure?.Error is not ForwarderError.Request)
                {
                    return;
                }

                // Try the others: the destination that just failed is left out of this request's choice.
                var failed = proxied.ProxiedDestination;
                candidates = [.. candidates.Where(destination => destination != failed)];
                if (candidates.Count == 0)
                {
                    return;
                }

                proxied.AvailableDestinations = candidates;
                context.Features.Set<IForwarderErrorFeature>(null);
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
        });
        return proxy;
    }
}
