using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shop.WebFront.OpenApi;

/// <summary>
/// Handlers take ids and page sizes as strings so that bad values get the API's 400 body instead of the
/// framework's bare 400; the document still shows them as the integers they are.
/// </summary>
internal sealed class IntegerParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            parameter.Schema = (parameter.In, parameter.Name) switch
            {
                (ParameterLocation.Path, "id") => new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1",
                },
                (ParameterLocation.Query, "limit") => new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "100", Default = 20,
                },
                _ => parameter.Schema,
            };
        }

        return Task.CompletedTask;
    }
}
