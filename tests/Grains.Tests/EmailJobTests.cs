using Orleans.Streams;
using Shop.Grains.Email;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;

namespace Shop.Grains.Tests;

/// <summary>The welcome and order-confirmation jobs on memory streams; the durable queue is covered in Email.Tests.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EmailJobTests(ClusterFixture fixture)
{

    // Long enough for a stray second mail (the welcome delay plus a redelivery) to show up.
    private static readonly TimeSpan Settle = ClusterFixture.WelcomeDelay + TimeSpan.FromSeconds(1);

    private IUserDirectoryGrain Users => fixture.Client.GetGrain<IUserDirectoryGrain>(0);

    [Fact]
    public async Task A_new_user_gets_one_welcome_email_after_the_delay_at_their_current_address()
    {
        var user = await Users.CreateUserAsync(NewUser("welcome"));
        var moved = $"moved-{Guid.NewGuid():N}@example.com";
        await fixture.Client.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Email = moved, Name = "Grace" });
        Assert.Empty(fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id));

        await Poll.UntilAsync(() => fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id).Count > 0, "the welcome mail is sent");
        await Poll.NeverAsync(() => fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id).Count > 1, "a second welcome mail", Settle);

        var mail = Assert.Single(fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id));
        Assert.Equal(moved, mail.To);
        Assert.Contains("Welcome, Grace!", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", mail.TextBody, StringComparison.Ordinal);
        Assert.NotNull(await fixture.Client.GetGrain<IWelcomeEmailGrain>(user.Id).GetSentAtAsync());
    }

    [Fact]
    public async Task A_sender_that_fails_twice_then_succeeds_yields_one_email()
    {
        var command = NewUser("flaky");
        fixture.Mail.FailFirst(command.Email, 2);

        var user = await Users.CreateUserAsync(command);
        await Poll.UntilAsync(() => fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id).Count > 0, "the welcome mail is sent");
        await Poll.NeverAsync(() => fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id).Count > 1, "a second welcome mail", Settle);

        Assert.Single(fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id));
        Assert.Equal(3, fixture.Mail.TriesFor(WelcomeEmail.Kind, user.Id));
    }

    [Fact]
    public async Task A_redelivered_UserCreated_sends_nothing_twice()
    {
        var user = await Users.CreateUserAsync(NewUser("again"));
        await Poll.UntilAsync(() => fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id).Count > 0, "the welcome mail is sent");
        var sentAt = await fixture.Client.GetGrain<IWelcomeEmailGrain>(user.Id).GetSentAtAsync();

        var redelivery = new UserCreated { UserId = user.Id, Email = user.Email, Name = user.Name, CreatedAt = user.CreatedAt };
        await UserStream(user.Id).OnNextAsync(redelivery);
        await UserStream(user.Id).OnNextAsync(redelivery with { CreatedAt = DateTimeOffset.UtcNow });
        await Poll.NeverAsync(() => fixture.Mail.TriesFor(WelcomeEmail.Kind, user.Id) > 1, "a redelivery sending again", Settle);

        Assert.Single(fixture.Mail.SentFor(WelcomeEmail.Kind, user.Id));
        Assert.Equal(1, fixture.Mail.TriesFor(WelcomeEmail.Kind, user.Id));
        Assert.Equal(sentAt, await fixture.Client.GetGrain<IWelcomeEmailGrain>(user.Id).GetSentAtAsync());
    }

    [Fact]
    public async Task A_failed_sign_up_sends_nothing_and_neither_does_an_event_for_a_user_that_was_never_stored()
    {
        var first = await Users.CreateUserAsync(NewUser("taken"));
        var taken = await Assert.ThrowsAsync<DomainException>(() => Users.CreateUserAsync(NewUser("x") with { Email = first.Email }));
        Assert.Equal(DomainErrorCode.EmailTaken, taken.Code);
        const long neverStored = long.MaxValue - 77;
        await UserStream(neverStored).OnNextAsync(
            new UserCreated { UserId = neverStored, Email = "ghost@example.com", CreatedAt = DateTimeOffset.UtcNow });

        await Poll.UntilAsync(() => fixture.Mail.SentFor(WelcomeEmail.Kind, first.Id).Count > 0, "the first user's welcome mail is sent");
        await Poll.NeverAsync(() => fixture.Mail.SentFor(WelcomeEmail.Kind, neverStored).Count > 0, "a mail for a user never stored", Settle);

        Assert.Single(fixture.Mail.Sent, mail => mail.To == first.Email);
        Assert.Empty(fixture.Mail.SentFor(WelcomeEmail.Kind, neverStored));
        Assert.Null(await fixture.Client.GetGrain<IWelcomeEmailGrain>(neverStored).GetSentAtAsync());
    }

    [Fact]
    public async Task A_job_leaves_memory_once_its_mail_is_out_instead_of_waiting_for_the_collection_age()
    {
        var user = await Users.CreateUserAsync(NewUser("fleeting"));
        var placed = await PlaceOrderAsync(user.Id, new OrderItem { Sku = "PEN", Quantity = 1, UnitPrice = 2m });
        await Poll.UntilAsync(() => fixture.Mail.SentFor(OrderConfirmationEmail.Kind, placed.Id).Count > 0, "the confirmation is sent");

        // Asked of the management grain, not of the job, which a call would activate again.
        var job = fixture.Client.GetGrain<IOrderConfirmationEmailGrain>(placed.Id).GetGrainId();
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await Poll.UntilAsync(
            async () => !(await management.GetDetailedGrainStatistics()).Any(statistic => statistic.GrainId == job),
            "the order's confirmation job is deactivated");
    }

    [Fact]
    public async Task A_placed_order_gets_one_confirmation_and_its_status_changes_none()
    {
        var user = await Users.CreateUserAsync(NewUser("buyer"));
        var placed = await PlaceOrderAsync(user.Id, new OrderItem { Sku = "BOOK", Quantity = 2, UnitPrice = 12.5m });
        var order = fixture.Client.GetGrain<IOrderGrain>(placed.Id);
        await order.ApplyAsync(OrderAction.Pay, null);
        await order.ApplyAsync(OrderAction.Cancel, null);

        await Poll.UntilAsync(() => fixture.Mail.SentFor(OrderConfirmationEmail.Kind, placed.Id).Count > 0, "the confirmation is sent");
        await Poll.NeverAsync(() => fixture.Mail.SentFor(OrderConfirmationEmail.Kind, placed.Id).Count > 1, "a second confirmation", Settle);

        var mail = Assert.Single(fixture.Mail.SentFor(OrderConfirmationEmail.Kind, placed.Id));
        Assert.Equal(user.Email, mail.To);
        Assert.Contains("Total: 25.00 EUR", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_events_reach_an_implicit_subscriber_in_order_with_the_versions_they_create()
    {
        var user = await Users.CreateUserAsync(NewUser("watched"));
        var placed = await PlaceOrderAsync(user.Id, new OrderItem { Sku = "PEN", Quantity = 1, UnitPrice = 1m });
        var order = fixture.Client.GetGrain<IOrderGrain>(placed.Id);
        await order.ApplyAsync(OrderAction.Pay, null);
        await order.ApplyAsync(OrderAction.Ship, null);

        await Poll.UntilAsync(() => OrderEventRecorderGrain.SeenFor(placed.Id).Count >= 3, "the order's three events are seen");
        // A late repeat shows up here; the order below is judged on everything handed over, repeats included.
        await Poll.NeverAsync(() => OrderEventRecorderGrain.SeenFor(placed.Id).Count > 3, "an order event delivered twice", Settle);
        var seen = OrderEventRecorderGrain.SeenFor(placed.Id);
        Assert.Equal([1L, 2L, 3L], seen.Select(item => item.Version));
        Assert.Equal(placed.Id, Assert.IsType<OrderPlaced>(seen[0]).OrderId);
        var changes = seen.OfType<OrderStatusChanged>().ToList();
        Assert.Equal([(OrderStatus.Pending, OrderStatus.Paid, 2L), (OrderStatus.Paid, OrderStatus.Shipped, 3L)],
            changes.Select(change => (change.From, change.To, change.Version)));
        Assert.All(changes, change => Assert.Equal(user.Id, change.UserId));
    }

    private IAsyncStream<UserCreated> UserStream(long userId) =>
        fixture.Client.GetStreamProvider(ShopStreams.Provider).GetStream<UserCreated>(StreamId.Create(ShopStreams.Users, userId));

    private Task<OrderView> PlaceOrderAsync(long userId, OrderItem item) =>
        fixture.Client.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder { UserId = userId, Currency = "EUR", Items = [item] });

    private static CreateUser NewUser(string prefix) =>
        new() { Email = $"{prefix}-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" };
}
