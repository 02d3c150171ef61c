using Scalar.AspNetCore;
using Shop.ServiceDefaults;
using Shop.WebFront.Http;

namespace Shop.WebFront.OpenApi;

public static class ApiDocsExtensions
{
    /// <summary>The OpenAPI document, generated from the endpoints, with the seed's schema names and constraints.</summary>
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<ApiDocsOptions>(ApiDocsOptions.Section);
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<SecuritySchemes>();
            options.AddOperationTransformer<IntegerParameterTransformer>();
            options.AddOperationTransformer<SecurityRequirementsTransformer>();
            options.AddOperationTransformer<HttpHeadersTransformer>();
            options.AddSchemaTransformer<EmailFormatTransformer>();
            options.AddSchemaTransformer<DecimalFormatTransformer>();
            options.AddSchemaTransformer<EnumAsStringTransformer>();
        });
        return builder;
    }

    /// <summary><c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        // Self-contained: no fonts from a CDN, no telemetry, and none of the cloud features (AI chat, MCP, the
        // developer toolbar's deploy and SDK buttons) that would send the API's description to a third party.
        app.MapScalarApiReference(ApiPipelineExtensions.DocsPath, options => options
            .WithTitle("Shop API")
            .AddPreferredSecuritySchemes(SecuritySchemes.Bearer)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return app;
    }
}
