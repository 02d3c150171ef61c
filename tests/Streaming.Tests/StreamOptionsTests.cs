using Shop.Streaming.Postgres;

namespace Shop.Streaming.Tests;

public sealed class StreamOptionsTests
{
    [Fact]
    public void The_defaults_with_a_connection_string_are_valid_and_follow_the_seed()
    {
        var options = new PostgresStreamOptions { ConnectionString = "Host=localhost" };

        var result = new PostgresStreamOptionsValidator().Validate("jobs", options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(8, options.QueueCount);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RetryBackoff);
    }

    [Fact]
    public void Settings_that_would_lose_or_spin_messages_are_rejected_with_every_reason()
    {
        var options = new PostgresStreamOptions
        {
            QueueCount = 0,
            MaxAttempts = 0,
            RetryBackoff = TimeSpan.FromMinutes(10),
            LeaseDuration = TimeSpan.FromMilliseconds(10),
            CleanupInterval = TimeSpan.Zero,
        };

        var result = new PostgresStreamOptionsValidator().Validate("jobs", options);

        Assert.True(result.Failed);
        var reasons = result.Failures!.ToList();
        Assert.Equal(6, reasons.Count);
        Assert.Contains(reasons, reason => reason.Contains("ConnectionString", StringComparison.Ordinal));
        Assert.Contains(reasons, reason => reason.Contains("LeaseDuration", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 300)]
    public void Backoff_doubles_after_every_failed_attempt_up_to_its_cap(int failedAttempt, int expectedSeconds)
    {
        var options = new PostgresStreamOptions();

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetrySchedule.DelayAfter(options, failedAttempt));
    }
}
