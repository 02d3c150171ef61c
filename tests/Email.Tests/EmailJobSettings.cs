using System.Globalization;

namespace Shop.Email.Tests;

/// <summary>Silo settings that make the welcome-mail job quick to watch: no delay, three attempts a second apart.</summary>
internal static class EmailJobSettings
{
    /// <summary>The queue's first wait before it delivers a failed job again; it doubles per attempt.</summary>
    public static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);

    public static Dictionary<string, string?> Fast(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:WelcomeDelay"] = "00:00:00",
            ["Email:MaxAttempts"] = "3",
            ["Email:Resilience:RetryAttempts"] = "0",
            // Only the breaker test lets the breaker open; elsewhere failures must reach the queue's attempts.
            ["Email:Resilience:MinimumThroughput"] = "1000",
            ["Streams:Jobs:RetryBackoff"] = Backoff.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
