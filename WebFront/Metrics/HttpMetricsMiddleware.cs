using System.Diagnostics;

namespace Shop.WebFront.Metrics;

/// <summary>Times every request from first byte in to the status code out, errors and rejections included.</summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next, HttpMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            // Nothing inside answered; the server will send a 500, so that is what gets counted.
            escaped = true;
            throw;
        }
        finally
        {
            var status = escaped ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            metrics.Record(context.Request.Method, RouteLabel.Of(context), status, Stopwatch.GetElapsedTime(started));
        }
    }
}
