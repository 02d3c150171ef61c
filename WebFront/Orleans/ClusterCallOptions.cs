using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Orleans;

/// <summary>Retry and back-off for grain calls that are safe to repeat; bound from <c>ClusterCalls</c>.</summary>
public sealed class ClusterCallOptions
{
    public const string Section = "ClusterCalls";

    /// <summary>
    /// Extra attempts after the first, for reads only. Enough, with the delays below, to outlast the ~10 s in which a
    /// dead silo's grains are unreachable before the cluster declares it dead and re-activates them elsewhere, so a
    /// read during failover is late rather than failed; <see cref="ReadTimeout"/> bounds the wait.
    /// </summary>
    [Range(0, 20)]
    public int ReadRetries { get; set; } = 10;

    /// <summary>First back-off delay; it doubles with each retry up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound for one read including its retries, so a client never waits longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>What a 503 tells clients to wait before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
