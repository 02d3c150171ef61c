using System.Diagnostics;

namespace Shop.Email.Tests;

internal static class Wait
{
    // The machine running the tests may be busy; conditions are polled, so a generous limit costs nothing when green.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a test keeps watching for a late duplicate once what it waited for has happened: the latest a
    /// duplicate can come is a message whose acknowledgement was lost, delivered again when its lease runs out.
    /// </summary>
    public static readonly TimeSpan Watch = ShopSilo.LeaseDuration + TimeSpan.FromSeconds(1);

    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    public static Task NeverAsync(Func<bool> violation, string what, TimeSpan? window = null) =>
        NeverAsync(() => Task.FromResult(violation()), what, window);

    /// <summary>
    /// Watches for <paramref name="window"/> (default <see cref="Watch"/>) that <paramref name="violation"/> never
    /// happens, failing the moment it does: a late duplicate is caught whenever it comes within the window, not only
    /// if it is still there at the end.
    /// </summary>
    public static async Task NeverAsync(Func<Task<bool>> violation, string what, TimeSpan? window = null)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            Assert.False(await violation(), $"Seen: {what}.");
            await Task.Delay(25);
        }
        while (clock.Elapsed < (window ?? Watch));

        Assert.False(await violation(), $"Seen: {what}.");
    }
}
