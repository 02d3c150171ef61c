using System.ComponentModel.DataAnnotations;

namespace Shop.Silo.Storage;

/// <summary>The <c>Feed</c> settings of a silo on PostgreSQL: how long the order feed keeps events.</summary>
public sealed class FeedRetentionOptions
{
    public const string Section = "Feed";

    /// <summary>Events older than this are deleted; consumers can start at most this far back.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often each silo deletes expired events.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows one DELETE removes, so a large backlog never holds one long transaction (which would stall readers).</summary>
    [Range(1, 1_000_000)]
    public int SweepBatchSize { get; set; } = 10_000;
}
