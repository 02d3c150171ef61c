using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Endpoints.Contracts;
using Shop.WebFront.Http;
using Shop.WebFront.Idempotency;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Endpoints;

/// <summary>/api/users: sign-up, read, find by e-mail, change, delete.</summary>
public static class UsersApi
{
    public const string IdempotencyScope = "users";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").ProducesCommonErrors();

        users.MapPost("/", CreateUser)
            .WithName("CreateUser")
            .WithSummary("Create a user")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key and body return the first response.")
            .AcceptsJsonOrForm<UserCreate>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        users.MapGet("/", FindUserByEmail)
            .WithName("FindUserByEmail")
            .WithSummary("Find a user by e-mail address")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        users.MapGet("/{id}", GetUser)
            .WithName("GetUser")
            .WithSummary("Get a user by id")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        users.MapPatch("/{id}", UpdateUser)
            .WithName("UpdateUser")
            .WithSummary("Change a user's name, e-mail or password")
            .WithDescription("Send If-Match with the user's ETag to change it only if nobody else has since.")
            .AcceptsJsonOrForm<UserUpdate>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        users.MapDelete("/{id}", DeleteUser)
            .WithName("DeleteUser")
            .WithSummary("Delete a user")
            .WithDescription("Refused with 409 CONFLICT while the user has open orders.")
            .ProducesErrors(
                StatusCodes.Status400BadRequest,
                StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed);

        return app;
    }

    public static async Task<Created<User>> CreateUser(
        UserCreate body, HttpContext http, IGrainFactory grains, IdempotentRequests idempotency)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        var (user, replayed) = await idempotency.CreateOnceAsync(http.Request, IdempotencyScope, body, async () =>
        {
            var view = await grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(body.ToCommand());
            return new CreatedResource<User>(view.ToContract(), $"/api/users/{view.Id}", ETags.For(view.Version));
        });
        http.Response.Headers.ETag = user.ETag;
        if (replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        }

        return TypedResults.Created(user.Location, user.Body);
    }

    public static async Task<Results<Ok<User>, ErrorResult>> FindUserByEmail(
        string? email, HttpResponse response, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(cluster);
        if (string.IsNullOrWhiteSpace(email))
        {
            return new ErrorResult(ApiErrors.Validation("email", "is required"));
        }

        var view = await cluster.ReadAsync(g => g.GetGrain<IUserDirectoryGrain>(0).FindByEmailAsync(email), cancellationToken);
        if (view is null)
        {
            return new ErrorResult(ApiErrors.NotFound("User"));
        }

        response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view.ToContract());
    }

    public static async Task<Results<Ok<User>, StatusCodeHttpResult, ErrorResult>> GetUser(
        string id, HttpContext http, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(cluster);
        var userId = ResourceIds.Parse(id);
        var view = await cluster.ReadAsync(g => g.GetGrain<IUserGrain>(userId).GetAsync(), cancellationToken);
        if (view is null)
        {
            return new ErrorResult(ApiErrors.NotFound("User"));
        }

        http.Response.Headers.ETag = ETags.For(view.Version);
        return ETags.NoneMatchHits(http.Request, view.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(view.ToContract());
    }

    public static async Task<Ok<User>> UpdateUser(
        string id, UserUpdate body, HttpContext http, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        var userId = ResourceIds.Parse(id);
        var user = grains.GetGrain<IUserGrain>(userId);
        var expected = await ETags.ReadIfMatch(http.Request).ExpectedVersionAsync(
            async () => (await cluster.ReadAsync(_ => user.GetAsync(), cancellationToken))?.Version);

        var view = await user.UpdateAsync(body.ToCommand(expected));
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view.ToContract());
    }

    public static async Task<NoContent> DeleteUser(
        string id, HttpRequest request, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var userId = ResourceIds.Parse(id);
        var user = grains.GetGrain<IUserGrain>(userId);
        var expected = await ETags.ReadIfMatch(request).ExpectedVersionAsync(
            async () => (await cluster.ReadAsync(_ => user.GetAsync(), cancellationToken))?.Version);

        await user.DeleteAsync(expected);
        return TypedResults.NoContent();
    }
}
