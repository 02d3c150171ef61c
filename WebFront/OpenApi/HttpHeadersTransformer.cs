using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Shop.WebFront.Idempotency;

namespace Shop.WebFront.OpenApi;

/// <summary>
/// Declares the headers the handlers read and write, which minimal APIs cannot see: <c>Idempotency-Key</c> on creates,
/// <c>If-Match</c> on changes, <c>If-None-Match</c> on reads of one resource; <c>ETag</c>, <c>Location</c>,
/// <c>Idempotent-Replayed</c>, <c>Retry-After</c> and <c>RateLimit-*</c> on the answers; and the 414 and 431 Kestrel
/// gives any request whose URL or headers are too large.
/// </summary>
internal sealed class HttpHeadersTransformer : IOpenApiOperationTransformer
{
    private static readonly HashSet<string> Creates = ["CreateUser", "PlaceOrder"];
    private static readonly HashSet<string> ConditionalChanges = ["UpdateUser", "DeleteUser", "PayOrder", "ShipOrder", "DeliverOrder", "CancelOrder"];
    private static readonly HashSet<string> ConditionalReads = ["GetUser", "GetSignedInUser", "GetOrder"];
    private static readonly HashSet<string> Versioned = ["CreateUser", "PlaceOrder", "UpdateUser", "GetUser", "GetSignedInUser", "GetOrder", "PayOrder", "ShipOrder", "DeliverOrder", "CancelOrder", "GrantRole", "UnlockUser"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var id = operation.OperationId ?? "";
        operation.Parameters ??= [];
        if (Creates.Contains(id))
        {
            operation.Parameters.Add(Header(IdempotencyKey.Header,
                "Makes retries of this create safe: the same key with the same body within a day replays the first answer (with Idempotent-Replayed: true); with another body it answers 422."));
        }

        if (ConditionalChanges.Contains(id))
        {
            operation.Parameters.Add(Header("If-Match", "Apply only if the resource's ETag is one of these (or *); otherwise 412."));
        }

        if (ConditionalReads.Contains(id))
        {
            operation.Parameters.Add(Header("If-None-Match", "Answer 304 without a body when the resource's ETag is one of these."));
        }

        operation.Responses ??= [];
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (status is "200" or "201" or "304" && Versioned.Contains(id))
            {
                concrete.Headers["ETag"] = ResponseHeader("The resource's version, for If-Match and If-None-Match.");
            }

            if (status == "201")
            {
                concrete.Headers["Location"] = ResponseHeader("The new resource's URL.");
                concrete.Headers[IdempotencyKey.ReplayedHeader] = ResponseHeader("true when this answer replays an earlier request with the same Idempotency-Key.");
            }

            if (status is "429" or "503")
            {
                concrete.Headers["Retry-After"] = ResponseHeader("Seconds to wait before trying again.", JsonSchemaType.Integer);
            }

            if (status.StartsWith('2') || status == "429")
            {
                concrete.Headers["RateLimit-Limit"] = ResponseHeader("Requests allowed per window for this client.", JsonSchemaType.Integer);
                concrete.Headers["RateLimit-Remaining"] = ResponseHeader("Requests left in the current window.", JsonSchemaType.Integer);
                concrete.Headers["RateLimit-Policy"] = ResponseHeader("The limit and its window in seconds, e.g. 100;w=900.");
            }
        }

        operation.Responses.TryAdd("414", ErrorResponse("The URL is too long.", context));
        operation.Responses.TryAdd("431", ErrorResponse("The request's headers are too large.", context));
        return Task.CompletedTask;
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiHeader ResponseHeader(string description, JsonSchemaType type = JsonSchemaType.String) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = type },
    };

    private static OpenApiResponse ErrorResponse(string description, OpenApiOperationTransformerContext context) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("Error", context.Document) },
        },
    };
}
