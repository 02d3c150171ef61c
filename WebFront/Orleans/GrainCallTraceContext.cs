using System.Diagnostics;

namespace Shop.WebFront.Orleans;

/// <summary>
/// Hands the request's W3C trace context to the grains it calls, through Orleans' <see cref="RequestContext"/>, so the
/// silo's log lines written for the request carry its trace id (the silo's <c>RequestTraceFilter</c>). Orleans' own
/// activity propagation does this only with tracing on, at the price of spans nobody receives without a collector
/// (a third of a read's CPU, bench/README.md). Only requests that change something carry it: a read writes no grain
/// log line in normal operation, and the context entry with the Activity it starts in the silo cost a cached read
/// 10–15 % (bench/README.md, A/B of 2026-11-29).
/// </summary>
public static class GrainCallTraceContext
{
    /// <summary>The <see cref="RequestContext"/> key, the same one Orleans' activity propagation uses.</summary>
    public const string TraceParentKey = "traceparent";

    public static WebApplication UseTraceContextForGrainCalls(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            // ASP.NET Core starts the request's Activity whenever its hosting log is enabled, tracing or not.
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent })
            {
                RequestContext.Set(TraceParentKey, traceParent);
            }

            return next(context);
        });
        return app;
    }
}
