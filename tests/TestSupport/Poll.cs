using System.Diagnostics;
using Xunit;

namespace Shop.TestSupport;

/// <summary>
/// Waiting for what the system under test does a moment after the call that caused it (a mail sent, a queue emptied,
/// a span exported), and watching that something never happens. Conditions are polled, so the generous limit costs
/// nothing when a test is green and only tells a slow machine from a real failure.
/// </summary>
public static class Poll
{
    /// <summary>The machine running the tests may be busy (2 cores, other suites beside it).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>Returns once <paramref name="condition"/> holds; fails after <see cref="Patience"/>, naming <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"Timed out waiting until {what}.");
            await Task.Delay(Interval);
        }
    }

    public static Task NeverAsync(Func<bool> violation, string what, TimeSpan window) =>
        NeverAsync(() => Task.FromResult(violation()), what, window);

    /// <summary>
    /// Watches for <paramref name="window"/> that <paramref name="violation"/> never happens, failing the moment it
    /// does: a late duplicate is caught whenever it comes within the window, not only if it is still there at the end.
    /// </summary>
    public static async Task NeverAsync(Func<Task<bool>> violation, string what, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            Assert.False(await violation(), $"Seen: {what}.");
            await Task.Delay(Interval / 2);
        }
        while (clock.Elapsed < window);

        Assert.False(await violation(), $"Seen: {what}.");
    }

    /// <summary>
    /// Reads until the reading is enough or the time is up, and returns the last reading either way: the caller's
    /// assertions then say what was missing (a span, a log line, a metric).
    /// </summary>
    public static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> enough, TimeSpan timeout, TimeSpan interval)
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
