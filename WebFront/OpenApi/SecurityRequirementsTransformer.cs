using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Shop.WebFront.Auth;

namespace Shop.WebFront.OpenApi;

/// <summary>
/// Marks each operation with the schemes that may call it, read from the same endpoint metadata the authorization
/// middleware enforces, so the document cannot drift from the code. Anonymous operations get none.
/// </summary>
internal sealed class SecurityRequirementsTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            // An empty list says "no authentication" explicitly, so tools do not assume a document-wide default.
            operation.Security = [];
            return Task.CompletedTask;
        }

        var policies = authorize.Select(a => a.Policy).OfType<string>().ToHashSet(StringComparer.Ordinal);
        operation.Security ??= [];
        operation.Security.Add(Requirement(SecuritySchemes.Bearer, context.Document));
        if (policies.Contains(OperatorPolicy.Name))
        {
            // Separate requirements are alternatives: a bearer token or Basic credentials.
            operation.Security.Add(Requirement(SecuritySchemes.Basic, context.Document));
        }

        if (policies.Contains(OperatorPolicy.Name) || policies.Contains(OperatorPolicy.BearerOnlyName))
        {
            operation.Description = string.IsNullOrEmpty(operation.Description)
                ? "Requires the operator role."
                : operation.Description + " Requires the operator role.";
        }

        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
