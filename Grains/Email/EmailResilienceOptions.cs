using System.ComponentModel.DataAnnotations;

namespace Shop.Grains.Email;

/// <summary>
/// <c>Email:Resilience:*</c>: the Polly pipeline around the sender, inside one delivery of a job. Retries absorb short
/// blips; the breaker notices an outage, after which jobs wait in the queue instead of failing (see
/// <see cref="EmailJobRunner"/>).
/// </summary>
public sealed class EmailResilienceOptions
{
    /// <summary>Extra tries within one delivery (0: none); the job's own attempts come on top.</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 2;

    /// <summary>Wait before the first extra try; doubles for each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One try that takes longer is abandoned and counts as a failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:20")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Share of failed tries within <see cref="SamplingDuration"/> that opens the breaker.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Tries within <see cref="SamplingDuration"/> before the breaker may open at all.</summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker refuses sends before it lets one probe through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
