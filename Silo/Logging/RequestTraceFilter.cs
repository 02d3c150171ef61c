using System.Diagnostics;
using Shop.WebFront.Orleans;

namespace Shop.Silo.Logging;

/// <summary>
/// Makes a grain call that carries a caller's trace context (<see cref="GrainCallTraceContext"/>) run under an
/// <see cref="Activity"/> of that trace, so the logging's activity tracking puts its TraceId and SpanId on every line
/// the call writes, including the grains it calls in turn and the jobs its stream events start. A bare Activity, not
/// one from an ActivitySource: nothing listens, samples or exports it. Only for silos without tracing: with tracing on,
/// Orleans' activity propagation starts real spans instead.
/// </summary>
internal sealed class RequestTraceFilter : IIncomingGrainCallFilter
{
    private const string ActivityName = "Shop.GrainCall";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (Activity.Current is not null || RequestContext.Get(GrainCallTraceContext.TraceParentKey) is not string traceParent)
        {
            await context.Invoke();
            return;
        }

        using var activity = new Activity(ActivityName).SetParentId(traceParent).Start();
        await context.Invoke();
    }
}
