using Shop.Grains.Interfaces.Errors;

namespace Shop.WebFront.Http.Errors;

/// <summary>The one place that decides which status and code each kind of failure gets.</summary>
public static class ApiErrors
{
    public static ApiError Validation(IReadOnlyList<FieldError> details, string message = "The request is invalid.") =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.Validation, message, details);

    public static ApiError Validation(string field, string problem) => Validation([new FieldError(field, problem)]);

    public static ApiError NotFound(string what) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.", []);

    public static ApiError PreconditionFailed(string message) =>
        new(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed, message, []);

    public static ApiError PayloadTooLarge(long limitBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"The request body is larger than {limitBytes} bytes.", []);

    public static ApiError UnsupportedMediaType() =>
        new(
            StatusCodes.Status415UnsupportedMediaType,
            ErrorCodes.UnsupportedMediaType,
            "Send the body as application/json (UTF-8) or application/x-www-form-urlencoded.",
            []);

    public static ApiError IdempotentRequestInProgress() =>
        new(
            StatusCodes.Status409Conflict,
            ErrorCodes.Conflict,
            "A request with this Idempotency-Key is still being processed; retry shortly.",
            []) { RetryAfter = TimeSpan.FromSeconds(1) };

    public static ApiError RateLimited(TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests; slow down.", [])
        {
            RetryAfter = retryAfter,
        };

    public static ApiError ServiceUnavailable(TimeSpan retryAfter) =>
        new(
            StatusCodes.Status503ServiceUnavailable,
            ErrorCodes.ServiceUnavailable,
            "The service is temporarily unavailable; retry later.",
            []) { RetryAfter = retryAfter };

    public static ApiError Internal() =>
        new(StatusCodes.Status500InternalServerError, ErrorCodes.Internal, "An unexpected error occurred.", []);

    /// <summary>
    /// A refusal by a grain. Its message and details are written for callers (see <see cref="DomainException"/>),
    /// so they are passed on; nothing else about the exception is.
    /// </summary>
    public static ApiError FromDomain(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (status, code) = exception.Code switch
        {
            DomainErrorCode.Validation => (StatusCodes.Status400BadRequest, ErrorCodes.Validation),
            DomainErrorCode.NotFound => (StatusCodes.Status404NotFound, ErrorCodes.NotFound),
            DomainErrorCode.EmailTaken => (StatusCodes.Status409Conflict, ErrorCodes.EmailTaken),
            DomainErrorCode.InvalidTransition => (StatusCodes.Status409Conflict, ErrorCodes.InvalidTransition),
            DomainErrorCode.Conflict => (StatusCodes.Status409Conflict, ErrorCodes.Conflict),
            DomainErrorCode.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed),
            DomainErrorCode.IdempotencyKeyReused => (StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused),
            DomainErrorCode.IdempotencyKeyHeld => (StatusCodes.Status409Conflict, ErrorCodes.Conflict),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.Internal),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            return Internal();
        }

        var message = string.IsNullOrWhiteSpace(exception.Message) ? "The request was refused." : exception.Message;
        return new ApiError(status, code, message, exception.Details);
    }

    /// <summary>For responses the framework ends without a body (unknown route, wrong method...).</summary>
    public static ApiError ForBareStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => new(status, ErrorCodes.NotFound, "No resource matches this path.", []),
        StatusCodes.Status405MethodNotAllowed =>
            new(status, ErrorCodes.MethodNotAllowed, "This method is not allowed on this resource.", []),
        StatusCodes.Status408RequestTimeout =>
            new(status, ErrorCodes.RequestTimeout, "The request body arrived too slowly; send it again.", []),
        StatusCodes.Status413PayloadTooLarge => new(status, ErrorCodes.PayloadTooLarge, "The request body is too large.", []),
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(),
        StatusCodes.Status412PreconditionFailed => PreconditionFailed("A precondition of the request did not hold."),
        StatusCodes.Status401Unauthorized => new(status, ErrorCodes.Unauthorized, "Authentication is required.", []),
        StatusCodes.Status403Forbidden => new(status, ErrorCodes.Forbidden, "This request is not allowed.", []),
        StatusCodes.Status503ServiceUnavailable => new(status, ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable.", []),
        >= 500 => Internal() with { Status = status },
        _ => new(status, ErrorCodes.Validation, "The request could not be processed.", []),
    };
}
