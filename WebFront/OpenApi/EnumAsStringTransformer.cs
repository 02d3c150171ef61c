using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shop.WebFront.OpenApi;

/// <summary>
/// The API writes every enum as a string (<c>"pending"</c>), but the generated schema lists the values without a type,
/// and NSwag then generates an integer enum whose reader throws on every order response: after the server acted, so a
/// naive retry duplicates the order. Every enum schema states <c>"type": "string"</c>.
/// </summary>
internal sealed class EnumAsStringTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema is { Enum.Count: > 0 } && (schema.Type is null || schema.Type == JsonSchemaType.Null))
        {
            schema.Type = JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
