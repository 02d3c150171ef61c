using System.Collections.Concurrent;
using Shop.Feed.Client;

namespace Shop.Integration.Tests.Feed;

/// <summary>Records the events a consumer instance handles; can stall or freeze like a process that stops making progress.</summary>
internal sealed class RecordingHandler : IOrderFeedHandler
{
    private readonly ConcurrentQueue<FeedEvent> events = new();
    private volatile bool killed;

    /// <summary>After this many events the handler hangs (until cancelled), like a process that stopped making progress.</summary>
    public int? StallAfter { get; init; }

    /// <summary>How long each event takes to handle.</summary>
    public TimeSpan Delay { get; init; }

    public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<FeedEvent> Events => [.. events];

    /// <summary>From the next event on, hangs without handling it, as <see cref="StallAfter"/> does.</summary>
    public void Kill() => killed = true;

    public async Task HandleAsync(FeedEvent feedEvent, CancellationToken cancellationToken)
    {
        if (killed || events.Count == StallAfter)
        {
            Stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await Task.Delay(Delay, cancellationToken);
        events.Enqueue(feedEvent);
    }

    public Task WaitForAsync(int count) => WaitForAsync(count, this);

    /// <summary>Until <paramref name="handlers"/> have handled <paramref name="count"/> events between them.</summary>
    public static async Task WaitForAsync(int count, params RecordingHandler[] handlers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (handlers.Sum(handler => handler.events.Count) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{handlers.Sum(handler => handler.events.Count)} of {count} events arrived");
            await Task.Delay(20);
        }
    }

    /// <summary>Each user's events (its own and its orders') came in feed order.</summary>
    public void AssertEachUsersEventsInFeedOrder()
    {
        foreach (var user in Events.GroupBy(e => e.UserId))
        {
            Assert.Equal(user.Select(e => e.Position).Order(), user.Select(e => e.Position));
        }
    }
}
