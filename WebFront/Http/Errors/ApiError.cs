using Shop.Grains.Interfaces.Errors;

namespace Shop.WebFront.Http.Errors;

/// <summary>An error as a value: what status and body a failed request gets.</summary>
public sealed record ApiError(int Status, string Code, string Message, IReadOnlyList<FieldError> Details)
{
    /// <summary>When set, sent as <c>Retry-After</c> (whole seconds).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
