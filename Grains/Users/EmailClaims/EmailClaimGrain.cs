using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Storage;

namespace Shop.Grains.Users.EmailClaims;

public sealed partial class EmailClaimGrain(
    [PersistentState("email", ShopStorage.Name)] IPersistentState<EmailClaimState> state,
    IOptions<EmailClaimOptions> options,
    TimeProvider clock,
    ILogger<EmailClaimGrain> logger)
    : Grain, IEmailClaimGrain
{
    private bool IsHeld => state.RecordExists && state.State.OwnerId != 0;

    async Task<bool> IEmailClaimGrain.TryClaimAsync(long userId, string? requestKey)
    {
        if (IsHeld && state.State.OwnerId == userId)
        {
            return true;
        }

        if (IsHeld && !await IsStaleAsync())
        {
            return requestKey is not null && state.State is { Confirmed: false } pending && pending.RequestKey == requestKey
                ? throw DomainException.InProgress(TrustedUntil(pending) - clock.GetUtcNow())
                : false;
        }

        if (IsHeld)
        {
            LogStaleClaimReclaimed(logger, state.State.OwnerId, userId);
        }

        await state.CommitAsync(new EmailClaimState { OwnerId = userId, ClaimedAt = clock.GetUtcNow(), RequestKey = requestKey }, this);
        return true;
    }

    async Task IEmailClaimGrain.ConfirmAsync(long userId)
    {
        if (IsHeld && state.State.OwnerId == userId && !state.State.Confirmed)
        {
            await state.CommitAsync(state.State with { Confirmed = true }, this);
        }
    }

    async Task IEmailClaimGrain.ReleaseAsync(long userId)
    {
        if (IsHeld && state.State.OwnerId == userId)
        {
            await state.CommitAsync(new EmailClaimState(), this);
        }
    }

    Task<long?> IEmailClaimGrain.GetOwnerAsync() => Task.FromResult(IsHeld ? state.State.OwnerId : (long?)null);

    /// <summary>
    /// A claim is stale when its holder does not have this address: a crash between claim and store, or between
    /// a user's delete or e-mail change and the release. A fresh unconfirmed claim is a sign-up in flight: kept.
    /// </summary>
    private async Task<bool> IsStaleAsync()
    {
        var claim = state.State;
        if (!claim.Confirmed && clock.GetUtcNow() < TrustedUntil(claim))
        {
            return false;
        }

        var holder = await GrainFactory.GetGrain<IUserGrain>(claim.OwnerId).GetAsync();
        return holder is null || EmailAddress.Normalize(holder.Email) != this.GetPrimaryKeyString();
    }

    /// <summary>Until when an unconfirmed claim is taken to be a sign-up still in flight.</summary>
    private DateTimeOffset TrustedUntil(EmailClaimState claim) => claim.ClaimedAt + options.Value.PendingClaimTimeout;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reclaimed a stale e-mail claim of user {StaleOwnerId} for user {UserId}")]
    private static partial void LogStaleClaimReclaimed(ILogger logger, long staleOwnerId, long userId);
}
