using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
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
[ImplicitStreamSubscription(DeferredNamespace)]
public sealed class OrderConfirmationEmailGrain(
    [PersistentState("order-confirmation-email", "store")] IPersistentState<EmailJobState> state,
    EmailJobRunner runner,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock)
    : Grain, IOrderConfirmationEmailGrain, IStreamSubscriptionObserver, IAsyncObserver<OrderPlaced>
{
    public const string Job = "order-confirmation";
    public const string DeferredNamespace = "shop.jobs.order-confirmation";

    private long OrderId => this.GetPrimaryKeyLong();

    Task<DateTimeOffset?> IOrderConfirmationEmailGrain.GetSentAtAsync() => Task.FromResult(state.State.SentAt);

    async Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<OrderPlaced>().ResumeAsync(this);

    async Task IAsyncObserver<OrderPlaced>.OnNextAsync(OrderPlaced item, StreamSequenceToken? token)
    {
        if (state.State.SentAt is not null)
        {
            runner.AlreadySent(Job, OrderId);
            return;
        }

        var result = await runner.RunAsync(Job, OrderId, item.PlacedAt + options.CurrentValue.OrderConfirmationDelay, async () =>
        {
            var order = await GrainFactory.GetGrain<ISettledOrderGrain>(OrderId).GetSettledAsync();
            var user = order is null ? null : await GrainFactory.GetGrain<IUserGrain>(order.UserId).GetAsync();
            return order is null || user is null ? null : OrderConfirmationEmail.For(order, user);
        });
        switch (result.Outcome)
        {
            case EmailJobOutcome.Sent:
                state.State = new EmailJobState { SentAt = clock.GetUtcNow(), MessageId = result.MessageId };
                await state.WriteStateAsync();
                break;
            case EmailJobOutcome.Deferred:
                await this.DeferAsync(DeferredNamespace, item, result.DeferredUntil!.Value);
                break;
        }
    }

    Task IAsyncObserver<OrderPlaced>.OnCompletedAsync() => Task.CompletedTask;

    Task IAsyncObserver<OrderPlaced>.OnErrorAsync(Exception ex) => Task.CompletedTask;
}
