using System.ComponentModel.DataAnnotations;

namespace Shop.Feed.Client;

/// <summary>One consumer group: its name, where it begins the first time, and its lease.</summary>
public sealed class FeedConsumerOptions : IValidatableObject
{
    /// <summary>
    /// Instances with the same group split the feed's partitions and so its events (each event to one of them);
    /// different groups each get every event.
    /// </summary>
    [Required]
    [MaxLength(200)]
    public string Group { get; set; } = "";

    /// <summary>
    /// Where a new group begins (each of its partitions): <c>start</c>, an ISO 8601 time or a position
    /// (<c>tx:sequence</c>). Ignored once the group exists.
    /// </summary>
    [Required]
    public string Start { get; set; } = "start";

    /// <summary>
    /// How long an instance may go without renewing before other instances of the group take its partitions over, and
    /// so the longest a dead or stuck instance holds the group's events (plus a third of it, until the next round).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>This instance's name in the leases and the group's members; unique per process by default.</summary>
    [Required]
    public string InstanceId { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// How often an instance renews its leases and membership, and takes or releases partitions towards its share: a
    /// third of the lease.
    /// </summary>
    public TimeSpan RenewInterval => LeaseDuration / 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!FeedStart.TryParse(Start, out _))
        {
            yield return new ValidationResult(
                $"'{Start}' is neither 'start', an ISO 8601 time nor a feed position (tx:sequence).", [nameof(Start)]);
        }
    }
}
