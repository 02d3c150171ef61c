using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Endpoints.Contracts;
using Shop.WebFront.Http;
using Shop.WebFront.Idempotency;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Endpoints;

/// <summary>/api/orders: place, read, move along the lifecycle; and a user's orders, newest first.</summary>
public static class OrdersApi
{
    public const string IdempotencyScope = "orders";
    public const int DefaultPageSize = 20;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").ProducesCommonErrors();

        orders.MapPost("/", PlaceOrder)
            .WithName("PlaceOrder")
            .WithSummary("Place an order")
            .WithDescription("The total is computed by the server. Send an Idempotency-Key header to make retries safe.")
            .AcceptsJsonOrForm<OrderCreate>()
            .ProducesBodyErrors()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        orders.MapGet("/{id}", GetOrder)
            .WithName("GetOrder")
            .WithSummary("Get an order by id")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        MapTransition(orders, "pay", PayOrder, "PayOrder", "Pay for a pending order");
        MapTransition(orders, "ship", ShipOrder, "ShipOrder", "Ship a paid order");
        MapTransition(orders, "deliver", DeliverOrder, "DeliverOrder", "Mark a shipped order as delivered");
        MapTransition(orders, "cancel", CancelOrder, "CancelOrder", "Cancel an order that has not shipped");

        app.MapGet("/api/users/{id}/orders", ListUserOrders)
            .WithTags("Orders")
            .WithName("ListUserOrders")
            .WithSummary("List a user's orders, newest first")
            .ProducesCommonErrors()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Created<Order>> PlaceOrder(
        OrderCreate body, HttpContext http, IGrainFactory grains, IdempotentRequests idempotency)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        var (order, replayed) = await idempotency.CreateOnceAsync(http.Request, IdempotencyScope, body, async () =>
        {
            var view = await grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(body.ToCommand());
            return new CreatedResource<Order>(view.ToContract(), $"/api/orders/{view.Id}", ETags.For(view.Version));
        });
        http.Response.Headers.ETag = order.ETag;
        if (replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        }

        return TypedResults.Created(order.Location, order.Body);
    }

    public static async Task<Results<Ok<Order>, StatusCodeHttpResult, ErrorResult>> GetOrder(
        string id, HttpContext http, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(cluster);
        var orderId = ResourceIds.Parse(id);
        var view = await cluster.ReadAsync(g => g.GetGrain<IOrderGrain>(orderId).GetAsync(), cancellationToken);
        if (view is null)
        {
            return new ErrorResult(ApiErrors.NotFound("Order"));
        }

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

    /// <summary>Moves an order on; the order grain decides whether its lifecycle allows it (409 otherwise).</summary>
    private static async Task<Ok<Order>> ApplyTransition(
        OrderAction action, string id, HttpContext http, IGrainFactory grains, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var orderId = ResourceIds.Parse(id);
        var order = grains.GetGrain<IOrderGrain>(orderId);
        var expected = await ETags.ReadIfMatch(http.Request).ExpectedVersionAsync(
            async () => (await cluster.ReadAsync(_ => order.GetAsync(), cancellationToken))?.Version);

        var view = await order.ApplyAsync(action, expected);
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view.ToContract());
    }

    public static async Task<Ok<OrderList>> ListUserOrders(
        string id, string? limit, string? cursor, ClusterCalls cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var userId = ResourceIds.Parse(id);
        var pageSize = ParsePageSize(limit);
        var before = ParseCursor(cursor);
        var page = await cluster.ReadAsync(g => g.GetGrain<IUserGrain>(userId).ListOrdersAsync(pageSize, before), cancellationToken);
        return TypedResults.Ok(page.ToContract());
    }

    private static void MapTransition(RouteGroupBuilder orders, string verb, Delegate handler, string name, string summary) =>
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
