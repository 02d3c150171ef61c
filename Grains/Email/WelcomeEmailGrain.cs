using Microsoft.Extensions.Options;
using Shop.Grains.Events;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Storage;

namespace Shop.Grains.Email;

/// <summary>
/// Sends each user one welcome mail, <see cref="EmailOptions.WelcomeDelay"/> after sign-up. A user that was never
/// stored (the event is published before the store, see <see cref="EventStreams"/>) or was deleted since gets nothing.
/// </summary>
[ImplicitStreamSubscription(ShopStreams.Users)]
[ImplicitStreamSubscription(WelcomeDeferredNamespace)]
public sealed class WelcomeEmailGrain(
    [PersistentState("welcome-email", ShopStorage.Name)] IPersistentState<EmailJobState> state,
    EmailJobRunner runner,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock)
    : EmailJobGrain<UserCreated>(runner, clock), IWelcomeEmailGrain
{
    public const string WelcomeJob = "welcome-email";
    public const string WelcomeDeferredNamespace = "shop.jobs.welcome-email";

    protected override string Job => WelcomeJob;

    protected override string DeferredNamespace => WelcomeDeferredNamespace;

    Task<DateTimeOffset?> IWelcomeEmailGrain.GetSentAtAsync() => Task.FromResult(state.State.SentAt);

    protected override DateTimeOffset DueAt(UserCreated item) => item.CreatedAt + options.CurrentValue.WelcomeDelay;

    protected override ValueTask<bool> WasSentAsync() => ValueTask.FromResult(state.State.SentAt is not null);

    protected override async Task MarkSentAsync(EmailJobState sent)
    {
        state.State = sent;
        await state.WriteStateAsync();
    }

    protected override async Task<EmailMessage?> ComposeAsync()
    {
        var user = await GrainFactory.GetGrain<ISettledUserGrain>(Key).GetSettledAsync();
        return user is null ? null : WelcomeEmail.For(user);
    }
}
