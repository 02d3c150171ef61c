using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Orleans;

/// <summary>Retry and back-off for grain calls that are safe to repeat; bound from <c>ClusterCalls</c>.</summary>
public sealed class ClusterCallOptions
{
    public const string Section = "ClusterCalls";

    /// <summary>Extra attempts after the first, for reads only (the seed's retry pattern: 3 tries in all).</summary>
    [Range(0, 10)]
    public int ReadRetries { get; set; } = 2;

    /// <summary>First back-off delay; it doubles with each retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound for one read including its retries, so a client never waits longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>What a 503 tells clients to wait before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
