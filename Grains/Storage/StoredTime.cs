namespace Shop.Grains.Storage;

/// <summary>PostgreSQL keeps timestamps to the microsecond; a time kept in memory must be the one read back.</summary>
public static class StoredTime
{
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
