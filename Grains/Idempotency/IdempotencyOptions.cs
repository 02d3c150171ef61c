namespace Shop.Grains.Idempotency;

/// <summary>Bound from the <c>Idempotency</c> configuration section of each silo.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a completed request is remembered (the usual 24 h of public payment APIs).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a caller may hold a key before finishing the request. After that a retry may run it again,
    /// so a front end that died mid-request does not block the key for the whole retention.
    /// </summary>
    public TimeSpan InProgressLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a silo on PostgreSQL deletes records older than <see cref="Retention"/>.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
