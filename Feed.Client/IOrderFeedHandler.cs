namespace Shop.Feed.Client;

/// <summary>
/// Handles a consumer group's events, one at a time in feed order. An exception stops the batch: its events come again
/// (with the ones already handled before the failure), so handling must be idempotent.
/// </summary>
public interface IOrderFeedHandler
{
    Task HandleAsync(FeedEvent feedEvent, CancellationToken cancellationToken);
}
