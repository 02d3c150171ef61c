using Microsoft.Extensions.Options;
using Shop.Grains.Events;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Email;

/// <summary>
/// Sends each placed order one confirmation, <see cref="EmailOptions.OrderConfirmationDelay"/> after it was placed,
/// the same way <see cref="WelcomeEmailGrain"/> sends welcome mails. Only <see cref="OrderPlaced"/> is read from the
/// order's stream; status changes pass by. An order that was never stored, or whose user is gone, gets nothing.
/// </summary>
[ImplicitStreamSubscription(ShopStreams.Orders)]
[ImplicitStreamSubscription(OrderConfirmationDeferredNamespace)]
public sealed class OrderConfirmationEmailGrain(
    [PersistentState("order-confirmation-email", "store")] IPersistentState<EmailJobState> state,
    EmailJobRunner runner,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock)
    : EmailJobGrain<OrderPlaced>(state, runner, clock), IOrderConfirmationEmailGrain
{
    public const string OrderConfirmationJob = "order-confirmation";
    public const string OrderConfirmationDeferredNamespace = "shop.jobs.order-confirmation";

    protected override string Job => OrderConfirmationJob;

    protected override string DeferredNamespace => OrderConfirmationDeferredNamespace;

    Task<DateTimeOffset?> IOrderConfirmationEmailGrain.GetSentAtAsync() => Task.FromResult(SentAt);

    protected override DateTimeOffset DueAt(OrderPlaced item) => item.PlacedAt + options.CurrentValue.OrderConfirmationDelay;

    protected override async Task<EmailMessage?> ComposeAsync()
    {
        var order = await GrainFactory.GetGrain<ISettledOrderGrain>(Key).GetSettledAsync();
        var user = order is null ? null : await GrainFactory.GetGrain<IUserGrain>(order.UserId).GetAsync();
        return order is null || user is null ? null : OrderConfirmationEmail.For(order, user);
    }
}
