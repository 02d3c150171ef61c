using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>The seed's User schema. There is no password or password hash here, by design.</summary>
public sealed record User
{
    public required long Id { get; init; }

    [EmailAddress]
    public required string Email { get; init; }

    public string? Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    [Description("Changes with every update that changes something, as does the ETag header; a PATCH with the values the user already has changes neither.")]
    public required DateTimeOffset UpdatedAt { get; init; }
}
