using System.ComponentModel.DataAnnotations;

namespace Shop.Grains.Email;

/// <summary>
/// <c>Email:*</c> as the e-mail jobs see it (the sender's own settings belong to the silo). Defaults follow the seed's
/// job queue: 5 s delay, 3 attempts.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>How long after sign-up the welcome mail goes out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan WelcomeDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after an order is placed its confirmation goes out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan OrderConfirmationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Deliveries of one job before it becomes a dead letter. The silo makes this the attempt count of the
    /// <c>jobs</c> stream provider, whose backoff spaces the attempts (<c>Streams:Jobs:RetryBackoff</c>).
    /// </summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The longest a job waits inside one delivery (for its due time, or for an open breaker to let a probe through)
    /// before it hands itself back to the queue for later. Together with the sends it must fit in Orleans' response
    /// timeout, or the delivery would be cut off and counted as failed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:20")]
    public TimeSpan HoldLimit { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after it was due a job keeps waiting for a sender that is down. After that its failures count as
    /// attempts again, so it ends as a dead letter an operator can re-drive instead of waiting for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan MaxDeferral { get; set; } = TimeSpan.FromDays(1);

    public EmailResilienceOptions Resilience { get; set; } = new();
}
