using Shop.WebFront.Endpoints.Contracts;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Endpoints;

/// <summary>Metadata shared by the API's endpoints, so the OpenAPI document lists their error responses.</summary>
public static class EndpointConventions
{
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(statusCodes);
        foreach (var status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Error), [ErrorWriter.ContentType]));
        }

        return builder;
    }

    /// <summary>Errors any API call can meet: rate limit, no silo answering, a bug.</summary>
    public static TBuilder ProducesCommonErrors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesErrors(
            StatusCodes.Status429TooManyRequests,
            StatusCodes.Status500InternalServerError,
            StatusCodes.Status503ServiceUnavailable);

    /// <summary>Errors of endpoints that need a signed-in caller: no or bad access token, or not allowed.</summary>
    public static TBuilder ProducesAuthErrors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

    /// <summary>Errors of endpoints that read a body.</summary>
    public static TBuilder ProducesBodyErrors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesErrors(
            StatusCodes.Status400BadRequest,
            StatusCodes.Status413PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType);

    public static RouteHandlerBuilder AcceptsJsonOrForm<TBody>(this RouteHandlerBuilder builder)
        where TBody : notnull =>
        builder.Accepts<TBody>("application/json", "application/x-www-form-urlencoded");
}
