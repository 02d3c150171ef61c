using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shop.WebFront.OpenApi;

/// <summary>Shows <see cref="EmailAddressAttribute"/> as <c>format: email</c>, as the seed's schemas declare it.</summary>
internal sealed class EmailFormatTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var attributes = context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(EmailAddressAttribute), inherit: true);
        if (attributes is { Length: > 0 })
        {
            schema.Format = "email";
        }

        return Task.CompletedTask;
    }
}
