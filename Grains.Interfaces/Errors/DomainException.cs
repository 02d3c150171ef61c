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

    // Id 2 held how long a request in progress asked its repeat to wait (DomainErrorCode 7); not reused.

    public static DomainException NotFound(string what) => new(DomainErrorCode.NotFound, $"{what} was not found.");

    public static DomainException Invalid(IReadOnlyList<FieldError> details) =>
        new(DomainErrorCode.Validation, "The request is invalid.", details);

    public static DomainException VersionMismatch(long current) =>
        new(DomainErrorCode.PreconditionFailed, $"The resource is at version {current}, not the expected one.");
}
