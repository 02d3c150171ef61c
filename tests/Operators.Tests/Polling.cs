namespace Shop.Operators.Tests;

/// <summary>
/// Reads until the reading is enough or the time is up, and returns the last reading either way: what the system
/// under test produces (spans, logs, metrics) arrives a moment after the request that caused it, and the caller's
/// assertions then say what was missing.
/// </summary>
internal static class Polling
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> enough, TimeSpan timeout, TimeSpan interval)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var reading = await read();
            if (enough(reading) || DateTime.UtcNow > deadline)
            {
                return reading;
            }

            await Task.Delay(interval);
        }
    }
}
