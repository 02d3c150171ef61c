using System.ComponentModel.DataAnnotations;

namespace Shop.Grains.Users.SignIn;

public sealed class SignInPolicyOptions
{
    public const string Section = "Auth:SignIn";

    /// <summary>Failures in a row after which each further attempt waits a little longer.</summary>
    [Range(1, 100)]
    public int SlowDownAfterFailures { get; set; } = 3;

    /// <summary>Added wait per failure beyond <see cref="SlowDownAfterFailures"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan SlowDownStep { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Failures in a row that lock the account.</summary>
    [Range(1, 100)]
    public int LockoutAfterFailures { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Signed-in sessions (refresh token families) a user keeps; the oldest goes first.</summary>
    [Range(1, 100)]
    public int MaxSessions { get; set; } = 10;
}
