namespace Shop.Streaming.Postgres;

/// <summary>Exponential backoff between durable delivery attempts: base, 2 × base, 4 × base … capped.</summary>
internal static class RetrySchedule
{
    /// <param name="options">Provider settings.</param>
    /// <param name="failedAttempt">The attempt that just failed, starting at 1.</param>
    public static TimeSpan DelayAfter(PostgresStreamOptions options, int failedAttempt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doublings = Math.Clamp(failedAttempt - 1, 0, 30);
        var delay = options.RetryBackoff * Math.Pow(2, doublings);
        return delay < options.MaxRetryBackoff ? delay : options.MaxRetryBackoff;
    }
}
