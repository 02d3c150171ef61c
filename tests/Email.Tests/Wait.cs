using System.Diagnostics;

namespace Shop.Email.Tests;

internal static class Wait
{
    // The machine running the tests may be busy; conditions are polled, so a generous limit costs nothing when green.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
}
