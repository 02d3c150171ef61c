namespace Shop.Grains.Idempotency;

/// <summary>Bound from the <c>Idempotency</c> configuration section of each silo.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a completed request is remembered (the usual 24 h of public payment APIs).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a silo on PostgreSQL deletes records older than <see cref="Retention"/>.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
