namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>One problem with one input field, e.g. <c>{"field": "email", "message": "must be a valid e-mail address"}</c>.</summary>
public sealed record ErrorDetail
{
    public required string Field { get; init; }

    public required string Message { get; init; }
}
