using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class OrderGrainTests(ClusterFixture fixture)
{
    private IOrderDirectoryGrain Orders => fixture.Client.GetGrain<IOrderDirectoryGrain>(0);

    private async Task<UserView> NewUserAsync() =>
        await fixture.Client.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
            new CreateUser { Email = $"buyer-{Guid.NewGuid():N}@example.com", Password = "correct horse" });

    private static PlaceOrder OrderFor(long userId, decimal price = 2.5m) => new()
    {
        UserId = userId,
        Currency = "eur",
        Items = [new OrderItem { Sku = "BOOK", Quantity = 2, UnitPrice = price }, new OrderItem { Sku = "PEN", Quantity = 3, UnitPrice = 0.1m }],
    };

    [Fact]
    public async Task A_placed_order_is_pending_with_a_total_computed_by_the_grain()
    {
        var user = await NewUserAsync();
        var order = await Orders.PlaceOrderAsync(OrderFor(user.Id));

        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(5.3m, order.Total);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal(user.Id, order.UserId);
        Assert.Equal(order, await fixture.Client.GetGrain<IOrderGrain>(order.Id).GetAsync());
    }

    [Fact]
    public async Task An_order_placed_with_an_idempotency_ticket_records_its_key_and_the_key_places_nothing_more()
    {
        var user = await NewUserAsync();
        var ticket = new IdempotencyTicket { Key = $"orders:{Guid.NewGuid():N}", Fingerprint = "fingerprint" };
        var record = fixture.Client.GetGrain<IIdempotencyGrain>(ticket.Key);
        Assert.Equal(IdempotencyClaimStatus.InProgress, (await record.RecallAsync("fingerprint")).Status);

        // The order stores its record itself; the idempotency grain is never told.
        var order = await Orders.PlaceOrderAsync(OrderFor(user.Id) with { Idempotency = ticket });
        var again = await Assert.ThrowsAsync<DomainException>(() => Orders.PlaceOrderAsync(OrderFor(user.Id) with { Idempotency = ticket }));
        Assert.Equal(DomainErrorCode.IdempotencyKeyHeld, again.Code);
        Assert.Equal([order.Id], (await fixture.Client.GetGrain<IUserGrain>(user.Id).ListOrdersAsync(10, null)).Items.Select(o => o.Id));

        // Recalled after the refusal, the grain reads the record the order stored and answers with the order.
        var claim = await record.RecallAsync("fingerprint");
        Assert.Equal(IdempotencyClaimStatus.Completed, claim.Status);
        Assert.Equal(order.Id, claim.ResourceId);
    }

    [Fact]
    public async Task An_order_for_a_user_that_does_not_exist_is_refused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Orders.PlaceOrderAsync(OrderFor(long.MaxValue - 3)));
        Assert.Equal(DomainErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task An_order_walks_its_lifecycle_and_refuses_other_moves()
    {
        var user = await NewUserAsync();
        var order = fixture.Client.GetGrain<IOrderGrain>((await Orders.PlaceOrderAsync(OrderFor(user.Id))).Id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => order.ApplyAsync(OrderAction.Ship, null));
        Assert.Equal(DomainErrorCode.InvalidTransition, refused.Code);

        Assert.Equal(OrderStatus.Paid, (await order.ApplyAsync(OrderAction.Pay, 1)).Status);
        Assert.Equal(OrderStatus.Shipped, (await order.ApplyAsync(OrderAction.Ship, null)).Status);
        Assert.Equal(DomainErrorCode.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => order.ApplyAsync(OrderAction.Cancel, null))).Code);
        var delivered = await order.ApplyAsync(OrderAction.Deliver, null);
        Assert.Equal(OrderStatus.Delivered, delivered.Status);
        Assert.Equal(4, delivered.Version);
        Assert.Equal(DomainErrorCode.PreconditionFailed, (await Assert.ThrowsAsync<DomainException>(() => order.ApplyAsync(OrderAction.Pay, 1))).Code);
    }

    [Fact]
    public async Task A_users_orders_are_listed_newest_first_page_by_page()
    {
        var user = await NewUserAsync();
        var placed = new List<OrderView>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add(await Orders.PlaceOrderAsync(OrderFor(user.Id, price: i)));
        }

        var grain = fixture.Client.GetGrain<IUserGrain>(user.Id);
        var first = await grain.ListOrdersAsync(2, null);
        var second = await grain.ListOrdersAsync(2, first.NextCursor);
        var third = await grain.ListOrdersAsync(2, second.NextCursor);

        var expected = placed.AsEnumerable().Reverse().Select(o => o.Id).ToArray();
        Assert.Equal(expected, first.Items.Concat(second.Items).Concat(third.Items).Select(o => o.Id).ToArray());
        Assert.Null(third.NextCursor);
        Assert.Equal(DomainErrorCode.Validation, (await Assert.ThrowsAsync<DomainException>(() => grain.ListOrdersAsync(0, null))).Code);
    }

    [Fact]
    public async Task A_user_with_open_orders_cannot_be_deleted_until_they_are_finished()
    {
        var user = await NewUserAsync();
        var order = await Orders.PlaceOrderAsync(OrderFor(user.Id));
        var grain = fixture.Client.GetGrain<IUserGrain>(user.Id);

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.DeleteAsync(null));
        Assert.Equal(DomainErrorCode.Conflict, error.Code);

        await fixture.Client.GetGrain<IOrderGrain>(order.Id).ApplyAsync(OrderAction.Cancel, null);
        await grain.DeleteAsync(null);
        Assert.Null(await grain.GetAsync());
        Assert.Equal(DomainErrorCode.NotFound, (await Assert.ThrowsAsync<DomainException>(() => Orders.PlaceOrderAsync(OrderFor(user.Id)))).Code);
    }

    [Fact]
    public async Task Bad_items_are_refused_before_an_id_is_spent()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Orders.PlaceOrderAsync(new PlaceOrder
        {
            UserId = 1,
            Currency = "EUR",
            Items = [new OrderItem { Sku = "X", Quantity = -1, UnitPrice = 1m }],
        }));
        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Equal("items[0].quantity", Assert.Single(error.Details).Field);
    }
}
