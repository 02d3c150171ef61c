using System.ComponentModel.DataAnnotations;

namespace Shop.Grains.Users.SignIn;

public sealed class SignInPolicyOptions
{
    public const string Section = "Auth:SignIn";

    /// <summary>Failures in a row (from one client at one e-mail address) after which each further attempt waits longer.</summary>
    [Range(1, 100)]
    public int SlowDownAfterFailures { get; set; } = 3;

    /// <summary>Added wait per failure beyond <see cref="SlowDownAfterFailures"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan SlowDownStep { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Failures in a row from one client at one e-mail address after which that client alone is refused.</summary>
    [Range(1, 100)]
    public int LockoutAfterFailures { get; set; } = 5;

    /// <summary>
    /// Failures in a row from anywhere that lock the account, except for clients that have signed in to it before.
    /// </summary>
    [Range(1, 10_000)]
    public int AccountLockoutAfterFailures { get; set; } = 20;

    /// <summary>How many clients an account remembers as having signed in successfully (they pass its lock).</summary>
    [Range(1, 100)]
    public int KnownClients { get; set; } = 10;

    /// <summary>How long a client, or an account, stays locked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Signed-in sessions (refresh token families) a user keeps; the oldest goes first.</summary>
    [Range(1, 100)]
    public int MaxSessions { get; set; } = 10;
}
