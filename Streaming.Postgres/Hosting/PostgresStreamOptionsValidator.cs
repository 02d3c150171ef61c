using Microsoft.Extensions.Options;

namespace Shop.Streaming.Postgres;

/// <summary>Rejects settings that would lose messages or spin, so a misconfigured silo fails at start, not later.</summary>
internal sealed class PostgresStreamOptionsValidator : IValidateOptions<PostgresStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"Streams '{name}': ConnectionString is required.");
        }

        if (options.QueueCount is < 1 or > 1024)
        {
            failures.Add($"Streams '{name}': QueueCount must be between 1 and 1024.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"Streams '{name}': MaxAttempts must be at least 1.");
        }

        if (options.MaxBatchSize is < 1 or > 1000)
        {
            failures.Add($"Streams '{name}': MaxBatchSize must be between 1 and 1000.");
        }

        if (options.RetryBackoff <= TimeSpan.Zero || options.MaxRetryBackoff < options.RetryBackoff)
        {
            failures.Add($"Streams '{name}': RetryBackoff must be positive and not above MaxRetryBackoff.");
        }

        if (options.LeaseDuration < TimeSpan.FromMilliseconds(300))
        {
            failures.Add($"Streams '{name}': LeaseDuration must be at least 300 ms (leases are renewed every third of it).");
        }

        RequirePositive(options.MessageTimeToLive, nameof(options.MessageTimeToLive));
        RequirePositive(options.DeadLetterRetention, nameof(options.DeadLetterRetention));
        RequirePositive(options.CleanupInterval, nameof(options.CleanupInterval));
        RequirePositive(options.StreamInactivityPeriod, nameof(options.StreamInactivityPeriod));
        RequirePositive(options.MetricsInterval, nameof(options.MetricsInterval));
        RequirePositive(options.IdleProbeInterval, nameof(options.IdleProbeInterval));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void RequirePositive(TimeSpan value, string option)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Streams '{name}': {option} must be positive.");
            }
        }
    }
}
