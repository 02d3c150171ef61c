namespace Shop.WebFront.Http;

/// <summary>Ends a request with an error from code that cannot return a result (binders, helpers).</summary>
public sealed class ApiErrorException : Exception
{
    public ApiErrorException()
        : this(ApiErrors.Internal())
    {
    }

    public ApiErrorException(string message)
        : this(ApiErrors.Internal() with { Message = message })
    {
    }

    public ApiErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = ApiErrors.Internal() with { Message = message };
    }

    public ApiErrorException(ApiError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public ApiError Error { get; }
}
