using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Auth;
using Shop.WebFront.Endpoints.Contracts;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Idempotency;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Endpoints;

/// <summary>
/// /api/users: sign-up (public), and for a signed-in user their own user: read, find by e-mail, change, delete.
/// Operators may read any user and give roles.
/// </summary>
public static class UsersApi
{
    public const string IdempotencyScope = "users";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization().ProducesCommonErrors();

        users.MapPost("/", CreateUser)
            .AllowAnonymous()
            .WithName("CreateUser")
            .WithSummary("Create a user (sign up)")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key and body return the first response.")
            .AcceptsJsonOrForm<UserCreate>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        users.MapGet("/me", GetSignedInUser)
            .WithName("GetSignedInUser")
            .ProducesAuthErrors()
            .WithSummary("Get the signed-in user")
            .WithDescription("The user the access token names. Send If-None-Match with the ETag you kept to get 304 while it has not changed.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(StatusCodes.Status404NotFound);

        users.MapGet("/", FindUserByEmail)
            .WithName("FindUserByEmail")
            .ProducesAuthErrors()
            .WithSummary("Find a user by e-mail address")
            .WithDescription("Finds only the signed-in user (operators: any user); anyone else's address answers 404.")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        users.MapGet("/{id}", GetUser)
            .WithName("GetUser")
            .ProducesAuthErrors()
            .WithSummary("Get a user by id")
            .WithDescription("The signed-in user's own (operators: any user); anyone else's answers 404, as if it did not exist.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        users.MapPatch("/{id}", UpdateUser)
            .WithName("UpdateUser")
            .ProducesAuthErrors()
            .WithSummary("Change a user's name, e-mail or password")
            .WithDescription("Only the user themselves. Send If-Match with the user's ETag to change it only if nobody else has since. A new password signs the user out everywhere (refresh tokens are revoked).")
            .AcceptsJsonOrForm<UserUpdate>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        users.MapDelete("/{id}", DeleteUser)
            .WithName("DeleteUser")
            .ProducesAuthErrors()
            .WithSummary("Delete a user")
            .WithDescription("Only the user themselves. Refused with 409 CONFLICT while the user has open orders.")
            .ProducesErrors(
                StatusCodes.Status400BadRequest,
                StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed);

        users.MapPost("/{id}/roles", GrantRole)
            .RequireAuthorization(OperatorPolicy.BearerOnlyName)
            .WithName("GrantRole")
            .ProducesAuthErrors()
            .WithSummary("Give a user a role (operators only)")
            .WithDescription("Roles: operator. Giving a role the user already has changes nothing. The user's next access token carries it.")
            .AcceptsJsonOrForm<RoleGrant>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status404NotFound);

        users.MapPost("/{id}/unlock", UnlockUser)
            .RequireAuthorization(OperatorPolicy.BearerOnlyName)
            .WithName("UnlockUser")
            .ProducesAuthErrors()
            .WithSummary("Lift a user's sign-in lock (operators only)")
            .WithDescription("After many failed sign-ins from anywhere an account refuses clients that have not signed in to it before; this lifts that lock at once. Unlocking an account that is not locked changes nothing.")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Created<User>> CreateUser(
        UserCreate body, HttpContext http, IGrainFactory grains, IdempotentRequests idempotency)
    {
        // The sign-up's idempotency record commits with the user; a retry is answered from the user as stored.
        var (user, replayed) = await idempotency.CreateOnceAsync(
            http.Request,
            IdempotencyScope,
            body,
            async ticket =>
            {
                var view = await grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(body.ToCommand() with { Idempotency = ticket });
                return (Created(view), view.Id);
            },
            async id => Created(await grains.GetGrain<IUserGrain>(id).GetAsync()
                ?? throw new ApiErrorException(ApiErrors.NotFound("User"))));
        http.Response.Headers.ETag = user.ETag;
        if (replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        }

        return TypedResults.Created(user.Location, user.Body);
    }

    public static async Task<Results<Ok<User>, StatusCodeHttpResult>> GetSignedInUser(
        HttpContext http, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        return await ReadUserAsync(http.User.CallerId(), http, cluster, cancellationToken);
    }

    public static async Task<Ok<User>> FindUserByEmail(
        string? email, ClaimsPrincipal caller, HttpResponse response, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new ApiErrorException(ApiErrors.Validation("email", "is required"));
        }

        var view = await cluster.ReadAsync(g => g.GetGrain<IUserDirectoryGrain>(0).FindByEmailAsync(email), cancellationToken);
        if (view is null || (view.Id != caller.UserId() && !caller.IsOperator()))
        {
            throw new ApiErrorException(ApiErrors.NotFound("User"));
        }

        response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view.ToContract());
    }

    public static async Task<Results<Ok<User>, StatusCodeHttpResult>> GetUser(
        string id, HttpContext http, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var userId = ResourceIds.Parse(id);
        ResourceAccess.EnsureMayRead(http.User, userId, "User");
        return await ReadUserAsync(userId, http, cluster, cancellationToken);
    }

    private static async Task<Results<Ok<User>, StatusCodeHttpResult>> ReadUserAsync(
        long userId, HttpContext http, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var view = await cluster.ReadAsync(g => g.GetGrain<IUserGrain>(userId).GetAsync(), cancellationToken)
            ?? throw new ApiErrorException(ApiErrors.NotFound("User"));
        http.Response.Headers.ETag = ETags.For(view.Version);
        return ETags.NoneMatchHits(http.Request, view.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(view.ToContract());
    }

    public static async Task<Ok<User>> UpdateUser(
        string id, UserUpdate body, HttpContext http, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var userId = ResourceIds.Parse(id);
        var ifMatch = ETags.ReadIfMatch(http.Request);
        ResourceAccess.EnsureOwner(http.User, userId, "User");
        var user = grains.GetGrain<IUserGrain>(userId);
        var expected = await ifMatch.ExpectedVersionAsync(
            async () => (await cluster.ReadAsync(_ => user.GetAsync(), cancellationToken))?.Version);

        var view = await user.UpdateAsync(body.ToCommand(expected));
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view.ToContract());
    }

    public static async Task<NoContent> DeleteUser(
        string id, HttpRequest request, ClaimsPrincipal caller, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var userId = ResourceIds.Parse(id);
        var ifMatch = ETags.ReadIfMatch(request);
        ResourceAccess.EnsureOwner(caller, userId, "User");
        var user = grains.GetGrain<IUserGrain>(userId);
        var expected = await ifMatch.ExpectedVersionAsync(
            async () => (await cluster.ReadAsync(_ => user.GetAsync(), cancellationToken))?.Version);

        await user.DeleteAsync(expected);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<User>> GrantRole(string id, RoleGrant body, HttpResponse response, IGrainFactory grains)
    {
        var userId = ResourceIds.Parse(id);
        var view = await grains.GetGrain<IUserGrain>(userId).GrantRoleAsync(body.Role);
        response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view.ToContract());
    }

    public static async Task<Ok<User>> UnlockUser(string id, HttpResponse response, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IUserCredentialsGrain>(ResourceIds.Parse(id)).UnlockAsync();
        response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view.ToContract());
    }

    private static CreatedResource<User> Created(UserView view) =>
        new(view.ToContract(), $"/api/users/{view.Id}", ETags.For(view.Version));
}
