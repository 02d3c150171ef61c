namespace Shop.Feed.Client;

/// <summary>
/// The feed's partitions: a user's events and all of its orders' events are in partition <c>user_id mod 16</c>, so they
/// keep their order however a consumer group splits the partitions between its instances. The count is the feed's,
/// the same for every group (migration 0011 stores each row's partition); a group spreads over this many instances at
/// the most.
/// </summary>
public static class FeedPartitions
{
    /// <summary>How many partitions the feed has; migration 0011 computes the same.</summary>
    public const int Count = 16;

    /// <summary>The partition of a user's events and of its orders' events.</summary>
    public static int Of(long userId) => (int)Math.Abs(userId % Count);
}
