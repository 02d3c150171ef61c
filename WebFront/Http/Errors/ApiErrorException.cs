namespace Shop.WebFront.Http.Errors;

/// <summary>
/// The one way a handler, binder or helper fails a request: <see cref="ApiExceptionHandler"/> writes its error like
/// every other.
/// </summary>
public sealed class ApiErrorException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}
