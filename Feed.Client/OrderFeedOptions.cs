using System.ComponentModel.DataAnnotations;

namespace Shop.Feed.Client;

/// <summary>How to reach the order feed: the shop's PostgreSQL database, read directly (no cluster client needed).</summary>
public sealed class OrderFeedOptions
{
    /// <summary>The shop's database (<c>ConnectionStrings:Postgres</c> of its hosts); a read-only role is enough.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Most events one read returns.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1_000;

    /// <summary>How long a reader at the end of the feed waits before it looks again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
