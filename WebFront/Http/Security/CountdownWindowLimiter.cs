using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Shop.WebFront.Http.Security;

/// <summary>
/// ASP.NET Core's <see cref="FixedWindowRateLimiter"/> with a true <c>Retry-After</c>: the stock limiter tells a
/// refused client to wait a whole window (900 s for the seed's 15 minutes) however little of it is left. This one
/// keeps the same window and answers the time until it next refills.
/// </summary>
public sealed class CountdownWindowLimiter : ReplenishingRateLimiter
{
    private readonly FixedWindowRateLimiter _inner;
    private readonly TimeSpan _window;
    private long _windowStarted = Stopwatch.GetTimestamp();

    private CountdownWindowLimiter(int permitLimit, TimeSpan window)
    {
        _window = window;
        // Replenished by whoever owns it (a PartitionedRateLimiter's heartbeat calls TryReplenish), not by a timer each.
        _inner = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = false,
        });
    }

    /// <summary>A partition of <paramref name="key"/> limited to <paramref name="permitLimit"/> per <paramref name="window"/>.</summary>
    public static RateLimitPartition<TKey> Partition<TKey>(TKey key, int permitLimit, TimeSpan window) =>
        RateLimitPartition.Get(key, _ => new CountdownWindowLimiter(permitLimit, window));

    public override TimeSpan? IdleDuration => _inner.IdleDuration;

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => _inner.ReplenishmentPeriod;

    public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

    public override bool TryReplenish()
    {
        // The same rule the inner limiter applies on the same call, so both agree on when a window starts.
        var started = Interlocked.Read(ref _windowStarted);
        if (Stopwatch.GetElapsedTime(started) >= _window)
        {
            Interlocked.CompareExchange(ref _windowStarted, Stopwatch.GetTimestamp(), started);
        }

        return _inner.TryReplenish();
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Answer(_inner.AttemptAcquire(permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        Answer(await _inner.AcquireAsync(permitCount, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _inner.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private RateLimitLease Answer(RateLimitLease lease)
    {
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        var left = _window - Stopwatch.GetElapsedTime(Interlocked.Read(ref _windowStarted));
        return new Refused(left > TimeSpan.Zero ? left : TimeSpan.Zero);
    }

    private sealed class Refused(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
