using System.ComponentModel.DataAnnotations;

namespace Shop.Silo.Storage;

/// <summary>The <c>Storage:GroupCommit</c> settings: how a silo batches its concurrent writes (<see cref="GroupCommit"/>).</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Storage:GroupCommit";

    /// <summary>
    /// The most statements one batch (one round trip, one commit) carries. Larger batches commit more writes per fsync
    /// but hold their row locks longer and make every caller in them wait for the slowest statement.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// Batches in flight at once, each on its own connection. Two let one batch run while the other waits for its
    /// commit to reach disk; more spread a burst over more, smaller commits.
    /// </summary>
    [Range(1, 32)]
    public int Writers { get; set; } = 2;
}
