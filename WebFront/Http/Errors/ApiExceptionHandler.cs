using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Errors;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Http.Errors;

/// <summary>
/// Turns every exception that leaves an endpoint into the Error body. Only codes, fixed messages and a trace id
/// go out: never exception text, stack traces or type names (except the messages grains write for callers).
/// </summary>
internal sealed partial class ApiExceptionHandler(IOptions<ClusterCallOptions> clusterCalls, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
            return true;
        }

        var error = Map(exception);
        if (error.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogClusterUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
        }
        else if (error.Status >= StatusCodes.Status500InternalServerError)
        {
            LogServerError(logger, error.Status, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        await ErrorWriter.WriteAsync(httpContext, error);
        return true;
    }

    private ApiError Map(Exception exception) => exception switch
    {
        ApiErrorException api => api.Error,
        DomainException domain => ApiErrors.FromDomain(domain),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            ApiErrors.ForBareStatus(StatusCodes.Status413PayloadTooLarge),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ApiErrors.UnsupportedMediaType(),
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => ApiErrors.ForBareStatus(StatusCodes.Status408RequestTimeout),
        BadHttpRequestException bad when bad.StatusCode < 500 =>
            ApiErrors.Validation([], "The request could not be read."),
        _ when ClusterFailures.IsUnavailable(exception) => ApiErrors.ServiceUnavailable(clusterCalls.Value.UnavailableRetryAfter),
        _ => ApiErrors.Internal(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Method} {Path} got no answer from the cluster ({Failure})")]
    private static partial void LogClusterUnavailable(ILogger logger, string method, PathString path, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed with {Status}")]
    private static partial void LogServerError(ILogger logger, int status, string method, PathString path, Exception exception);
}
