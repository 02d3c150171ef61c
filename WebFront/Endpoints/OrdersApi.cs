using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Auth;
using Shop.WebFront.Endpoints.Contracts;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Idempotency;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Endpoints;

/// <summary>
/// /api/orders: a signed-in user places, reads, pays and cancels their own orders and lists them, newest first;
/// operators read any order and ship and deliver.
/// </summary>
public static class OrdersApi
{
    public const string IdempotencyScope = "orders";
    public const int DefaultPageSize = 20;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization().ProducesCommonErrors().ProducesAuthErrors();

        orders.MapPost("/", PlaceOrder)
            .WithName("PlaceOrder")
            .WithSummary("Place an order")
            .WithDescription("For the signed-in user only (user_id, when given, must be theirs, else 403). The total is computed by the server. Send an Idempotency-Key header to make retries safe.")
            .AcceptsJsonOrForm<OrderCreate>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        orders.MapGet("/{id}", GetOrder)
            .WithName("GetOrder")
            .WithSummary("Get an order by id")
            .WithDescription("The signed-in user's own orders (operators: any order); anyone else's answers 404, as if it did not exist.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        MapTransition(orders, "pay", PayOrder, "PayOrder", "Pay for a pending order (its owner)");
        MapTransition(orders, "ship", ShipOrder, "ShipOrder", "Ship a paid order (operators)")
            .RequireAuthorization(OperatorPolicy.BearerOnlyName);
        MapTransition(orders, "deliver", DeliverOrder, "DeliverOrder", "Mark a shipped order as delivered (operators)")
            .RequireAuthorization(OperatorPolicy.BearerOnlyName);
        MapTransition(orders, "cancel", CancelOrder, "CancelOrder", "Cancel an order that has not shipped (its owner)");

        app.MapGet("/api/users/{id}/orders", ListUserOrders)
            .RequireAuthorization()
            .ProducesAuthErrors()
            .WithTags("Orders")
            .WithName("ListUserOrders")
            .WithSummary("List a user's orders, newest first")
            .WithDescription("The signed-in user's own orders (operators: anyone's); another user's list answers 404.")
            .ProducesCommonErrors()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Created<Order>> PlaceOrder(
        OrderCreate body, HttpContext http, IGrainFactory grains, IdempotentRequests idempotency)
    {
        var userId = body.UserId ?? http.User.CallerId();
        if (userId != http.User.CallerId())
        {
            // Decided before any lookup, so it tells nothing about whether that other user exists.
            throw new ApiErrorException(AuthErrors.Forbidden("Orders can only be placed for the signed-in user."));
        }

        // The order's idempotency record commits with the order; a retry is answered from the order as placed.
        var (order, replayed) = await idempotency.CreateOnceAsync(
            http.Request,
            IdempotencyScope,
            body,
            async ticket =>
            {
                var view = await grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(body.ToCommand(userId) with { Idempotency = ticket });
                return (Created(view), view.Id);
            },
            async id => Created(AsPlaced(await grains.GetGrain<IOrderGrain>(id).GetAsync()
                ?? throw new ApiErrorException(ApiErrors.NotFound("Order")))));
        http.Response.Headers.ETag = order.ETag;
        if (replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        }

        return TypedResults.Created(order.Location, order.Body);
    }

    private static CreatedResource<Order> Created(OrderView view) =>
        new(view.ToContract(), $"/api/orders/{view.Id}", ETags.For(view.Version));

    /// <summary>
    /// The order as it was answered when placed: what never changes (items, total, user, time) comes from the order,
    /// the rest is what every order starts with, so a retry gets the first answer whatever happened to the order since.
    /// </summary>
    private static OrderView AsPlaced(OrderView order) =>
        order with { Status = OrderStatus.Pending, UpdatedAt = order.CreatedAt, Version = 1 };

    public static async Task<Results<Ok<Order>, StatusCodeHttpResult>> GetOrder(
        string id, HttpContext http, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var orderId = ResourceIds.Parse(id);
        var view = await cluster.ReadAsync(g => g.GetGrain<IOrderGrain>(orderId).GetAsync(), cancellationToken)
            ?? throw new ApiErrorException(ApiErrors.NotFound("Order"));
        ResourceAccess.EnsureMayRead(http.User, view.UserId, "Order");

        http.Response.Headers.ETag = ETags.For(view.Version);
        return ETags.NoneMatchHits(http.Request, view.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(view.ToContract());
    }

    public static Task<Ok<Order>> PayOrder(
        string id, HttpContext http, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken) =>
        ApplyTransition(OrderAction.Pay, id, http, grains, cluster, cancellationToken);

    public static Task<Ok<Order>> ShipOrder(
        string id, HttpContext http, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken) =>
        ApplyTransition(OrderAction.Ship, id, http, grains, cluster, cancellationToken);

    public static Task<Ok<Order>> DeliverOrder(
        string id, HttpContext http, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken) =>
        ApplyTransition(OrderAction.Deliver, id, http, grains, cluster, cancellationToken);

    public static Task<Ok<Order>> CancelOrder(
        string id, HttpContext http, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken) =>
        ApplyTransition(OrderAction.Cancel, id, http, grains, cluster, cancellationToken);

    /// <summary>
    /// Moves an order on; the order grain decides whether its lifecycle allows it (409 otherwise). Pay and cancel
    /// are the owner's; ship and deliver are the operators' (their endpoints require the operator policy).
    /// </summary>
    private static async Task<Ok<Order>> ApplyTransition(
        OrderAction action, string id, HttpContext http, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var orderId = ResourceIds.Parse(id);
        var ifMatch = ETags.ReadIfMatch(http.Request);
        var order = grains.GetGrain<IOrderGrain>(orderId);
        var current = await cluster.ReadAsync(_ => order.GetAsync(), cancellationToken)
            ?? throw new ApiErrorException(ApiErrors.NotFound("Order"));
        if (action is OrderAction.Pay or OrderAction.Cancel)
        {
            ResourceAccess.EnsureOwner(http.User, current.UserId, "Order");
        }

        var expected = await ifMatch.ExpectedVersionAsync(() => Task.FromResult<long?>(current.Version));

        var view = await order.ApplyAsync(action, expected);
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view.ToContract());
    }

    public static async Task<Ok<OrderList>> ListUserOrders(
        string id, string? limit, string? cursor, ClaimsPrincipal caller, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        var userId = ResourceIds.Parse(id);
        ResourceAccess.EnsureMayRead(caller, userId, "User");
        var pageSize = ParsePageSize(limit);
        var before = ParseCursor(cursor);
        var page = await cluster.ReadAsync(g => g.GetGrain<IUserGrain>(userId).ListOrdersAsync(pageSize, before), cancellationToken);
        return TypedResults.Ok(page.ToContract());
    }

    private static RouteHandlerBuilder MapTransition(RouteGroupBuilder orders, string verb, Delegate handler, string name, string summary) =>
        orders.MapPost($"/{{id}}/{verb}", handler)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription("Refused with 409 INVALID_TRANSITION when the order's status does not allow it. Send If-Match to apply it only to the version you saw.")
            .ProducesErrors(
                StatusCodes.Status400BadRequest,
                StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed);

    private static int ParsePageSize(string? limit)
    {
        if (limit is null)
        {
            return DefaultPageSize;
        }

        return int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ApiErrorException(ApiErrors.Validation("limit", "must be an integer"));
    }

    private static long? ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        return long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ApiErrorException(ApiErrors.Validation("cursor", "is not a cursor of this list"));
    }
}
