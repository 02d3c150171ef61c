using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shop.WebFront.OpenApi;

/// <summary>Declares how callers authenticate: a bearer access token from <c>POST /api/auth/token</c>; Basic for operator tools.</summary>
internal sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    public const string Bearer = "Bearer";
    public const string Basic = "Basic";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/auth/token (or /api/auth/refresh), sent as `Authorization: Bearer <token>`.",
        };
        document.Components.SecuritySchemes[Basic] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "An operator account's e-mail and password; accepted only by operator tools such as /dashboard/.",
        };
        return Task.CompletedTask;
    }
}
