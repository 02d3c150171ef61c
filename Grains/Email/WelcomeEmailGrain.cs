using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Users;

namespace Shop.Grains.Email;

/// <summary>
/// Sends each user one welcome mail, <see cref="EmailOptions.WelcomeDelay"/> after sign-up, the same way
/// <see cref="OrderConfirmationEmailGrain"/> sends order confirmations. A user that was never stored (the embedded
/// default publishes before it stores) or was deleted since gets nothing.
/// </summary>
/// <remarks>
/// The sent marker is a column of the user's own row (<see cref="IUserStore.ReadWelcomeAsync"/>): one read gives the
/// marker and what the mail says, and no row per user is left behind.
/// </remarks>
[ImplicitStreamSubscription(ShopStreams.Users)]
[ImplicitStreamSubscription(WelcomeDeferredNamespace)]
public sealed class WelcomeEmailGrain(
    IUserStore users,
    EmailJobRunner runner,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock)
    : EmailJobGrain<UserCreated>(runner, clock), IWelcomeEmailGrain
{
    public const string WelcomeJob = "welcome-email";
    public const string WelcomeDeferredNamespace = "shop.jobs.welcome-email";

    private UserWelcomeStatus? _status;

    protected override string Job => WelcomeJob;

    protected override string DeferredNamespace => WelcomeDeferredNamespace;

    async Task<DateTimeOffset?> IWelcomeEmailGrain.GetSentAtAsync() => (await users.ReadWelcomeAsync(Key))?.Sent?.SentAt;

    protected override DateTimeOffset DueAt(UserCreated item) => item.CreatedAt + options.CurrentValue.WelcomeDelay;

    protected override async ValueTask<bool> WasSentAsync() => (await StatusAsync())?.Sent is not null;

    protected override async Task MarkSentAsync(EmailJobState sent)
    {
        await users.MarkWelcomeSentAsync(Key, sent);
        _status = _status! with { Sent = sent };
    }

    protected override async Task<EmailMessage?> ComposeAsync() =>
        await StatusAsync() is { } status ? WelcomeEmail.For(status.User.ToView(Key)) : null;

    // "Not stored" is never kept: on the embedded default the event is published before the user is stored.
    private async ValueTask<UserWelcomeStatus?> StatusAsync() => _status ??= await users.ReadWelcomeAsync(Key);
}
