using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Grains.Events;
using Shop.Grains.Interfaces.Events;

namespace Shop.Grains.Email;

/// <summary>
/// Sends each user one welcome mail, <see cref="EmailOptions.WelcomeDelay"/> after sign-up. Events arrive at least
/// once (and, handed back for later, on <see cref="DeferredNamespace"/>); the grain's stored sent marker makes the
/// mail go out once. The user is read when the mail is due: a user that was never stored (the event is published
/// before the store, see <see cref="EventStreams"/>) or was deleted since gets nothing, and the job is done.
/// </summary>
[ImplicitStreamSubscription(ShopStreams.Users)]
[ImplicitStreamSubscription(DeferredNamespace)]
public sealed class WelcomeEmailGrain(
    [PersistentState("welcome-email", "store")] IPersistentState<EmailJobState> state,
    EmailJobRunner runner,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock)
    : Grain, IWelcomeEmailGrain, IStreamSubscriptionObserver, IAsyncObserver<UserCreated>
{
    public const string Job = "welcome-email";
    public const string DeferredNamespace = "shop.jobs.welcome-email";

    private long UserId => this.GetPrimaryKeyLong();

    Task<DateTimeOffset?> IWelcomeEmailGrain.GetSentAtAsync() => Task.FromResult(state.State.SentAt);

    async Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UserCreated>().ResumeAsync(this);

    async Task IAsyncObserver<UserCreated>.OnNextAsync(UserCreated item, StreamSequenceToken? token)
    {
        if (state.State.SentAt is not null)
        {
            runner.AlreadySent(Job, UserId);
            return;
        }

        var result = await runner.RunAsync(Job, UserId, item.CreatedAt + options.CurrentValue.WelcomeDelay, async () =>
        {
            var user = await GrainFactory.GetGrain<ISettledUserGrain>(UserId).GetSettledAsync();
            return user is null ? null : WelcomeEmail.For(user);
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

    Task IAsyncObserver<UserCreated>.OnCompletedAsync() => Task.CompletedTask;

    Task IAsyncObserver<UserCreated>.OnErrorAsync(Exception ex) => Task.CompletedTask;
}
