namespace Shop.WebFront.Http.Errors;

/// <summary>An error returned by a handler (rather than thrown), written like every other error.</summary>
public sealed class ErrorResult(ApiError error) : IResult, IStatusCodeHttpResult, IValueHttpResult, IContentTypeHttpResult
{
    public ApiError Error { get; } = error;

    public int? StatusCode => Error.Status;

    object? IValueHttpResult.Value => Error;

    public string ContentType => ErrorWriter.ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => ErrorWriter.WriteAsync(httpContext, Error);
}
