using Microsoft.Extensions.Options;

namespace Shop.Grains.Users.SignIn;

/// <summary>
/// Kept in memory only: after a silo restart a client starts counting again, which costs an attacker one restart
/// per few guesses while the account-wide count (stored with the user) goes on. Storing it would put a write on
/// every failed guess at an address that may not even exist.
/// </summary>
public sealed class SignInThrottleGrain(IOptions<SignInPolicyOptions> options, TimeProvider clock) : Grain, ISignInThrottleGrain
{
    private int _failures;
    private DateTimeOffset _lockedUntil;

    Task<TimeSpan?> ISignInThrottleGrain.AdmitAsync()
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        if (_lockedUntil > now)
        {
            return Task.FromResult<TimeSpan?>(null);
        }

        if (SignInLockout.LocksClient(_failures, settings))
        {
            _failures = 0;
            _lockedUntil = now + settings.LockoutDuration;
            // Forgetting the lock by going idle would hand the client its guesses back early.
            this.DelayDeactivation(settings.LockoutDuration);
            return Task.FromResult<TimeSpan?>(null);
        }

        var delay = SignInLockout.DelayBefore(_failures, settings);
        _failures++;
        return Task.FromResult<TimeSpan?>(delay);
    }

    Task ISignInThrottleGrain.RecordSuccessAsync()
    {
        _failures = 0;
        return Task.CompletedTask;
    }
}
