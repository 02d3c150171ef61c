using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Shop.WebFront.Endpoints.Contracts;

namespace Shop.WebFront.Http.Errors;

/// <summary>Writes an <see cref="ApiError"/> as the Error schema, <c>application/problem+json</c>.</summary>
public static class ErrorWriter
{
    public const string ContentType = "application/problem+json";

    public static Error ToBody(ApiError error, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(http);
        return new Error
        {
            Code = error.Code,
            Message = error.Message,
            Details = [.. error.Details.Select(d => new ErrorDetail { Field = d.Field, Message = d.Message })],
            Title = ReasonPhrases.GetReasonPhrase(error.Status),
            Status = error.Status,
            TraceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier,
        };
    }

    public static Task WriteAsync(HttpContext http, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(error);
        var response = http.Response;
        response.StatusCode = error.Status;
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = WholeSeconds(retryAfter);
        }

        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return response.WriteAsJsonAsync(ToBody(error, http), json, ContentType, http.RequestAborted);
    }

    public static string WholeSeconds(TimeSpan value) =>
        Math.Max(1, (long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
