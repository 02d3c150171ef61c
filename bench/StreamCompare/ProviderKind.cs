namespace Shop.Bench.StreamCompare;

/// <summary>The two providers under comparison.</summary>
public enum ProviderKind
{
    /// <summary>Streaming.Postgres (this repository).</summary>
    Ours,

    /// <summary>Microsoft.Orleans.Streaming.AdoNet with upstream's PostgreSQL script.</summary>
    AdoNet,
}
