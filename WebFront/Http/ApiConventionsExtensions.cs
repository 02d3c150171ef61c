using System.Text.Json;
using System.Text.Json.Serialization;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Idempotency;

namespace Shop.WebFront.Http;

public static class ApiConventionsExtensions
{
    /// <summary>snake_case JSON as in the seed, one error shape for every failure, idempotent creates.</summary>
    public static WebApplicationBuilder AddApiConventions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            // Numbers are numbers: the web default also reads them from strings, and the OpenAPI document would say so.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddSingleton<IdempotentRequests>();
        return builder;
    }
}
