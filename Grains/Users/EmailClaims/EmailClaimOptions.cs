using System.ComponentModel.DataAnnotations;

namespace Shop.Grains.Users.EmailClaims;

public sealed class EmailClaimOptions
{
    public const string Section = "Users:EmailClaims";

    /// <summary>
    /// How long an unconfirmed claim is trusted to belong to a sign-up still in progress. After that, a competing
    /// claim asks the holder whether it really has the address, so a crash between claim and store frees it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PendingClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
