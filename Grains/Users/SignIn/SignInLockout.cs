using Shop.Grains.Interfaces.Users;
using System.Security.Cryptography;
using System.Text;

namespace Shop.Grains.Users.SignIn;

/// <summary>
/// The arithmetic of sign-in failures; pure, so it is unit-tested. Two guards, so that guessing stays expensive
/// without letting anyone lock a user out:
/// <list type="bullet">
/// <item>per client and e-mail address (<see cref="SignInThrottleGrain"/>): growing delays after
/// <see cref="SignInPolicyOptions.SlowDownAfterFailures"/>, then that client alone is refused for
/// <see cref="SignInPolicyOptions.LockoutDuration"/>. Keyed by the address as typed, so an unknown address is slowed
/// down exactly like a real account and timing does not tell whether an account exists;</item>
/// <item>per account (the user's <see cref="SignInState"/>): after <see cref="SignInPolicyOptions.AccountLockoutAfterFailures"/>
/// failures from anywhere the account is locked, against guessing spread over many addresses, but never for a client
/// that has signed in to it successfully before, so an attacker cannot lock its owner out. Operators can unlock.</item>
/// </list>
/// </summary>
public static class SignInLockout
{
    /// <summary>How long to wait before checking the password, after <paramref name="failures"/> failures in a row.</summary>
    public static TimeSpan DelayBefore(int failures, SignInPolicyOptions options) =>
        failures < options.SlowDownAfterFailures
            ? TimeSpan.Zero
            : options.SlowDownStep * (failures - options.SlowDownAfterFailures + 1);

    /// <summary>Whether a client that has failed <paramref name="failures"/> times in a row is refused outright.</summary>
    public static bool LocksClient(int failures, SignInPolicyOptions options) => failures >= options.LockoutAfterFailures;

    /// <summary>Whether the account refuses this client now: locked, and the client is not one it knows.</summary>
    public static bool Refuses(SignInState account, string clientTag, DateTimeOffset now) =>
        account.LockedUntil is { } until && until > now && !account.KnownClients.Contains(clientTag);

    public static SignInState AfterFailure(SignInState account, DateTimeOffset now, SignInPolicyOptions options)
    {
        var failures = account.FailedAttempts + 1;
        var locks = failures >= options.AccountLockoutAfterFailures;
        return account with
        {
            FailedAttempts = locks ? 0 : failures,
            LockedUntil = locks ? now + options.LockoutDuration : account.LockedUntil,
        };
    }

    /// <summary>A success clears the failures and the lock, and remembers the client (most recent first, bounded).</summary>
    public static SignInState AfterSuccess(SignInState account, string clientTag, SignInPolicyOptions options) => account with
    {
        FailedAttempts = 0,
        LockedUntil = null,
        KnownClients = account.KnownClients.FirstOrDefault() == clientTag
            ? account.KnownClients
            : [clientTag, .. account.KnownClients.Where(c => c != clientTag).Take(options.KnownClients - 1)],
    };

    public static SignInState Unlocked(SignInState account) => account with { FailedAttempts = 0, LockedUntil = null };

    /// <summary>
    /// What the account keeps of a client: 12 bytes of a SHA-256 of its address, enough to recognise it, not enough to
    /// be worth keeping as personal data.
    /// </summary>
    public static string Tag(string client) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(client)).AsSpan(0, 12));

    /// <summary>The throttle grain's key for a client and an address as typed (trimmed, case-insensitive).</summary>
    public static string ThrottleKey(string client, string email) => $"{client}\n{EmailKeys.Of(email)}";
}
