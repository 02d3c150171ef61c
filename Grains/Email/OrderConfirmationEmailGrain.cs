using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Orders;

namespace Shop.Grains.Email;

/// <summary>
/// Sends each placed order one confirmation, <see cref="EmailOptions.OrderConfirmationDelay"/> after it was placed,
/// the same way <see cref="WelcomeEmailGrain"/> sends welcome mails. Only <see cref="OrderPlaced"/> is read from the
/// order's stream; status changes pass by. An order that was never stored, or whose user is gone, gets nothing.
/// </summary>
/// <remarks>
/// The sent marker is a column of the order's own row (<see cref="IOrderStore.ReadConfirmationAsync"/>), so one read
/// gives both the marker and what the mail says, and no row per order is left behind: a marker in grain state cost
/// every order an extra read on activation and a row nobody deleted.
/// </remarks>
[ImplicitStreamSubscription(ShopStreams.Orders)]
[ImplicitStreamSubscription(OrderConfirmationDeferredNamespace)]
public sealed class OrderConfirmationEmailGrain(
    IOrderStore orders,
    EmailJobRunner runner,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock)
    : EmailJobGrain<OrderPlaced>(runner, clock), IOrderConfirmationEmailGrain
{
    public const string OrderConfirmationJob = "order-confirmation";
    public const string OrderConfirmationDeferredNamespace = "shop.jobs.order-confirmation";

    private OrderConfirmationStatus? _status;

    protected override string Job => OrderConfirmationJob;

    protected override string DeferredNamespace => OrderConfirmationDeferredNamespace;

    async Task<DateTimeOffset?> IOrderConfirmationEmailGrain.GetSentAtAsync() =>
        (await orders.ReadConfirmationAsync(Key))?.Sent?.SentAt;

    protected override DateTimeOffset DueAt(OrderPlaced item) => item.PlacedAt + options.CurrentValue.OrderConfirmationDelay;

    protected override async ValueTask<bool> WasSentAsync() => (await StatusAsync())?.Sent is not null;

    protected override async Task MarkSentAsync(EmailJobState sent)
    {
        await orders.MarkConfirmationSentAsync(Key, sent);
        _status = _status! with { Sent = sent };
    }

    protected override async Task<EmailMessage?> ComposeAsync()
    {
        var order = (await StatusAsync())?.Order;
        var user = order is null ? null : await GrainFactory.GetGrain<IUserGrain>(order.UserId).GetAsync();
        return order is null || user is null ? null : OrderConfirmationEmail.For(order.ToView(Key), user);
    }

    // "Not stored" is never kept: on the embedded default the event is published before the order is stored.
    private async ValueTask<OrderConfirmationStatus?> StatusAsync() => _status ??= await orders.ReadConfirmationAsync(Key);
}
