using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Grains.Interfaces.Jobs;
using Shop.WebFront.Auth;
using Shop.WebFront.Endpoints.Contracts;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Endpoints;

/// <summary>/api/admin/dead-letters: operators list background jobs that used all their attempts and re-drive them.</summary>
public static class AdminApi
{
    public const int DefaultListSize = 50;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var deadLetters = app.MapGroup("/api/admin/dead-letters")
            .WithTags("Operations")
            .ProducesCommonErrors()
            .ProducesAuthErrors();

        deadLetters.MapGet("/", ListDeadLetters)
            .RequireAuthorization(OperatorPolicy.Name)
            .WithName("ListDeadLetters")
            .WithSummary("List dead letters, newest first (operators only)")
            .WithDescription("Jobs such as welcome e-mails that failed on every attempt. ?limit= 1..500, default 50. Empty without PostgreSQL (the embedded default keeps nothing).")
            .ProducesErrors(StatusCodes.Status400BadRequest);

        // Changes are bearer-only: a browser would replay cached Basic credentials on a cross-site form post.
        deadLetters.MapPost("/{id}/redrive", RedriveDeadLetter)
            .RequireAuthorization(OperatorPolicy.BearerOnlyName)
            .WithName("RedriveDeadLetter")
            .WithSummary("Try one dead letter again (operators only)")
            .WithDescription("Puts the job back into its queue with fresh attempts. A job that already did its work (e.g. the mail went out) does nothing the second time.")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        deadLetters.MapPost("/redrive", RedriveAllDeadLetters)
            .RequireAuthorization(OperatorPolicy.BearerOnlyName)
            .WithName("RedriveAllDeadLetters")
            .WithSummary("Try every dead letter again (operators only)");

        return app;
    }

    public static async Task<Ok<DeadLetterList>> ListDeadLetters(string? limit, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var size = ParseLimit(limit);
        var letters = await cluster.ReadAsync(grains => grains.GetGrain<IDeadLetterAdminGrain>(0).ListAsync(size), cancellationToken);
        return TypedResults.Ok(new DeadLetterList { Items = [.. letters.Select(DeadLetter.From)] });
    }

    public static async Task<NoContent> RedriveDeadLetter(string id, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, CultureInfo.InvariantCulture, out var letter))
        {
            throw new ApiErrorException(ApiErrors.Validation("id", "must be a dead letter id (a UUID)"));
        }

        return await grains.GetGrain<IDeadLetterAdminGrain>(0).RedriveAsync(letter)
            ? TypedResults.NoContent()
            : throw new ApiErrorException(ApiErrors.NotFound("Dead letter"));
    }

    public static async Task<Ok<RedriveResult>> RedriveAllDeadLetters(IGrainFactory grains)
    {
        var count = await grains.GetGrain<IDeadLetterAdminGrain>(0).RedriveAllAsync();
        return TypedResults.Ok(new RedriveResult { Redriven = count });
    }

    private static int ParseLimit(string? limit)
    {
        if (limit is null)
        {
            return DefaultListSize;
        }

        return int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 500
            ? value
            : throw new ApiErrorException(ApiErrors.Validation("limit", "must be an integer from 1 to 500"));
    }
}
