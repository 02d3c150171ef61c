using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Shop.WebFront.OpenApi;

/// <summary>
/// The document's own description: title, contact, licence, the tags' descriptions, and one server URL from
/// configuration (<see cref="ApiDocsOptions.ServerUrl"/>) rather than the request's Host header, which a client could
/// set to anything and a generated client would then call.
/// </summary>
internal sealed class DocumentInfoTransformer(IOptions<ApiDocsOptions> options) : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Auth", "Access tokens: sign in with e-mail and password, refresh, sign out."),
        ("Users", "Sign-up, profiles, roles and the operator's unlock."),
        ("Orders", "Placing orders and moving them along their lifecycle: pending, paid, shipped, delivered, or cancelled."),
        ("Operations", "Operator tools: the e-mail jobs that failed for good (dead letters) and their re-drive."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Shop API";
        document.Info.Description =
            "Users and orders, served from an Orleans cluster. Errors use the Error schema. Sign in at POST /api/auth/token " +
            "and send the access token as `Authorization: Bearer <token>`.";
        document.Info.Contact = new OpenApiContact { Name = "Shop API team", Email = options.Value.ContactEmail };
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };
        document.Servers = [new OpenApiServer { Url = options.Value.ServerUrl.TrimEnd('/'), Description = "This deployment" }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        return Task.CompletedTask;
    }
}
