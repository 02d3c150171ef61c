using Microsoft.Extensions.Logging.Abstractions;
using Shop.Feed.Client;

namespace Shop.Integration.Tests.Feed;

/// <summary>Runs consumer group instances in the test process and watches their rows in <c>feed_consumers</c>.</summary>
internal static class ConsumerTesting
{
    /// <summary>Short, so that takeovers happen within a test's patience.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    public static RunningConsumer RunConsumer(this FeedTestShop shop, string group, IOrderFeedHandler handler, string? instance = null)
    {
        var options = new FeedConsumerOptions { Group = group, LeaseDuration = Lease };
        if (instance is not null)
        {
            options.InstanceId = instance;
        }

        var feed = shop.Reader();
        return new RunningConsumer(feed, new OrderFeedConsumer(feed, handler, options, NullLogger<OrderFeedConsumer>.Instance));
    }

    /// <summary>Until the group's partitions are held by exactly these instances, this many each.</summary>
    public static async Task WaitForOwnersAsync(this FeedTestShop shop, string group, IReadOnlyDictionary<string, int> expected)
    {
        var want = string.Join(',', expected.OrderBy(owner => owner.Key, StringComparer.Ordinal).Select(owner => $"{owner.Key}={owner.Value}"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string held;
        while ((held = await shop.ScalarAsync<string>($"""
                   SELECT coalesce(string_agg(owner || '=' || held, ',' ORDER BY owner COLLATE "C"), '')
                   FROM (SELECT coalesce(lease_owner, '(none)') AS owner, count(*) AS held
                         FROM feed_consumers WHERE group_name = '{group}' GROUP BY 1) owners
                   """)) != want)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{group}'s partitions are held {held}, not {want}");
            await Task.Delay(50);
        }
    }

    public static async Task WaitForSavedAsync(this FeedTestShop shop, string group, int partition, FeedPosition position)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await shop.ScalarAsync<string>($"""
                   SELECT coalesce((SELECT tx || ':' || position FROM feed_consumers
                                    WHERE group_name = '{group}' AND partition = {partition}), '')
                   """) != position.ToString())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{group} did not save {position} in partition {partition}");
            await Task.Delay(20);
        }
    }
}
