using System.ComponentModel.DataAnnotations;

namespace Shop.Feed.Client;

/// <summary>One consumer group: its name, where it begins the first time, and its lease.</summary>
public sealed class FeedConsumerOptions : IValidatableObject
{
    /// <summary>Instances with the same group share one position; different groups each get every event.</summary>
    [Required]
    [MaxLength(200)]
    public string Group { get; set; } = "";

    /// <summary>
    /// Where a group without a saved position begins: <c>start</c>, an ISO 8601 time or a position (<c>tx:sequence</c>).
    /// Ignored once the group has saved a position.
    /// </summary>
    [Required]
    public string Start { get; set; } = "start";

    /// <summary>
    /// How long the instance that reads for the group may go without renewing before another instance takes over, and
    /// so the longest a dead or stuck instance holds the group's events.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>This instance's name in the lease; unique per process by default.</summary>
    [Required]
    public string InstanceId { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>How often the reading instance renews its lease and a standby instance tries to take it: a third of the lease.</summary>
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
