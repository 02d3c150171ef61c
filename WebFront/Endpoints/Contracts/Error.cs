using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>
/// The seed's Error schema (<c>code</c>, <c>message</c>, <c>details</c>), served as <c>application/problem+json</c>
/// with the RFC 9457 members beside it.
/// </summary>
[SuppressMessage("Naming", "CA1716", Justification = "The OpenAPI schema takes the type's name, and the seed's schema is called Error.")]
public sealed record Error
{
    [Description("Stable, machine-readable error code such as VALIDATION_ERROR.")]
    public required string Code { get; init; }

    [Description("A human-readable summary.")]
    public required string Message { get; init; }

    [Description("One entry per problem with one input field; empty when the error is not about input.")]
    public required IReadOnlyList<ErrorDetail> Details { get; init; }

    [Description("RFC 9457 problem type.")]
    public string Type { get; init; } = "about:blank";

    [Description("RFC 9457 title: the HTTP reason phrase.")]
    public string? Title { get; init; }

    [Description("RFC 9457 status: the HTTP status code.")]
    public int Status { get; init; }

    [Description("Identifies this request in the server's logs and traces.")]
    [JsonPropertyName("traceId")]
    public string? TraceId { get; init; }
}
