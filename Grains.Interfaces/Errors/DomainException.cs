namespace Shop.Grains.Interfaces.Errors;

/// <summary>
/// A refusal by the domain (bad input, unknown id, taken e-mail, refused transition, stale version).
/// It crosses the grain boundary intact so every caller, HTTP or .NET, sees the same code and details.
/// </summary>
[GenerateSerializer, Alias("shop.domain-exception.v1")]
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorCode code, string message, IReadOnlyList<FieldError>? details = null)
        : base(message)
    {
        Code = code;
        Details = details ?? [];
    }

    public DomainException(DomainErrorCode code, string message, IReadOnlyList<FieldError> details, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
        Details = details;
    }

    [Id(0)] public DomainErrorCode Code { get; private set; }

    [Id(1)] public IReadOnlyList<FieldError> Details { get; private set; } = [];

    /// <summary>For <see cref="DomainErrorCode.RequestInProgress"/>: how long until a retry can succeed.</summary>
    [Id(2)] public TimeSpan? RetryAfter { get; private set; }

    public static DomainException NotFound(string what) => new(DomainErrorCode.NotFound, $"{what} was not found.");

    public static DomainException Invalid(IReadOnlyList<FieldError> details) =>
        new(DomainErrorCode.Validation, "The request is invalid.", details);

    public static DomainException InProgress(TimeSpan retryAfter) =>
        new(DomainErrorCode.RequestInProgress, "An earlier attempt of this request is still being completed; retry later.")
        {
            RetryAfter = retryAfter,
        };

    public static DomainException VersionMismatch(long current) =>
        new(DomainErrorCode.PreconditionFailed, $"The resource is at version {current}, not the expected one.");
}
