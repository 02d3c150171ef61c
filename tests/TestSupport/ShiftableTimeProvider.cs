namespace Shop.TestSupport;

/// <summary>
/// The system clock plus an offset a test can grow, to see what happens minutes or a day later without waiting. Real
/// time keeps running underneath, so Orleans, which takes its timers and membership clock from the same
/// <see cref="TimeProvider"/> service, keeps working; a frozen fake clock would stop it.
/// </summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
