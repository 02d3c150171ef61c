using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shop.WebFront.OpenApi;

/// <summary>
/// Shows <see cref="decimal"/> as <c>format: decimal</c> (the OpenAPI format registry's exact decimal) instead of the
/// generator's <c>double</c>: the amounts are exact end to end, and a client generated from <c>double</c> (Kiota makes
/// it a C# <c>double</c>) would round a price before it is ever sent.
/// </summary>
internal sealed class DecimalFormatTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(decimal) || type == typeof(decimal?))
        {
            schema.Format = "decimal";
        }

        return Task.CompletedTask;
    }
}
