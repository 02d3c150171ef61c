using Shop.Feed.Client;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>
/// Consumer groups: instances of one group split the partitions and each event goes to one of them; different groups
/// each get everything; a dead or stalled instance's partitions pass to the others within seconds; a group resumes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConsumerGroupTests(PostgresServer postgres) : FeedTestBase(postgres)
{
    [Fact]
    public async Task Two_groups_each_receive_every_event_in_order()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Shop.NewUserAsync()));
        var orders = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Shop.PlaceAndShipAsync(users[i % users.Length])));
        var all = await Shop.ReadAllAsync(FeedStart.Beginning);
        var billing = new RecordingHandler();
        var shipping = new RecordingHandler();

        await using (Shop.RunConsumer("billing", billing))
        await using (Shop.RunConsumer("shipping", shipping))
        {
            await billing.WaitForAsync(all.Count);
            await shipping.WaitForAsync(all.Count);
        }

        foreach (var handler in new[] { billing, shipping })
        {
            Assert.Equal(all.Select(e => e.Position).Order(), handler.Events.Select(e => e.Position).Order());
            foreach (var orderId in orders)
            {
                Assert.Equal([1L, 2L, 3L], handler.Events.Where(e => e.OrderId == orderId).Select(e => e.Version));
            }

            handler.AssertEachUsersEventsInFeedOrder();
        }
    }

    [Fact]
    public async Task Two_instances_of_one_group_split_the_partitions_and_handle_each_event_once()
    {
        var first = new RecordingHandler();
        var second = new RecordingHandler();
        await using var a = Shop.RunConsumer("billing", first, "a");
        await using var b = Shop.RunConsumer("billing", second, "b");
        await Shop.WaitForOwnersAsync("billing", new Dictionary<string, int> { ["a"] = 8, ["b"] = 8 });

        var users = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Shop.NewUserAsync()));
        await Task.WhenAll(users.Select(Shop.PlaceAndShipAsync));
        var all = await Shop.ReadAllAsync(FeedStart.Beginning);
        await RecordingHandler.WaitForAsync(all.Count, first, second);
        // Long enough for a repeat to show: more than a lease.
        await Task.Delay(ConsumerTesting.Lease * 1.5);

        Assert.NotEmpty(first.Events);
        Assert.NotEmpty(second.Events);
        Assert.Empty(first.Events.Select(e => e.Partition).Intersect(second.Events.Select(e => e.Partition)));
        Assert.Equal(all.Select(e => e.Position).Order(),
            first.Events.Concat(second.Events).Select(e => e.Position).Order());
        first.AssertEachUsersEventsInFeedOrder();
        second.AssertEachUsersEventsInFeedOrder();
    }

    [Fact]
    public async Task A_slow_instance_that_keeps_moving_keeps_its_partitions_through_a_batch_longer_than_its_lease()
    {
        // Six events of one user, read in one batch by whichever instance holds its partition: 2.4 leases of handling.
        var userId = await Shop.NewUserAsync();
        await Shop.PlaceAndShipAsync(userId);
        await Shop.PlaceAndShipAsync(userId);
        var all = await Shop.ReadAllAsync(FeedStart.Beginning);
        var first = new RecordingHandler { Delay = ConsumerTesting.Lease * 0.4 };
        var second = new RecordingHandler { Delay = ConsumerTesting.Lease * 0.4 };

        await using (Shop.RunConsumer("slow", first, "a"))
        await using (Shop.RunConsumer("slow", second, "b"))
        {
            await RecordingHandler.WaitForAsync(all.Count, first, second);
            await Task.Delay(ConsumerTesting.Lease * 1.5);
        }

        // Saved as it went, its leases never lapsed: nobody else took the partition and repeated its events.
        var handled = first.Events.Count > 0 ? first : second;
        Assert.Empty((handled == first ? second : first).Events);
        Assert.Equal(all.Select(e => e.Position), handled.Events.Select(e => e.Position));
    }

    [Fact]
    public async Task A_killed_instances_partitions_pass_to_the_other_after_its_lease_and_no_event_is_lost()
    {
        var killed = new RecordingHandler();
        var survivor = new RecordingHandler();
        await using var a = Shop.RunConsumer("mail", killed, "a");
        await using var b = Shop.RunConsumer("mail", survivor, "b");
        await Shop.WaitForOwnersAsync("mail", new Dictionary<string, int> { ["a"] = 8, ["b"] = 8 });
        var users = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Shop.NewUserAsync()));
        await Task.WhenAll(users.Select(Shop.PlaceAsync));
        await RecordingHandler.WaitForAsync((await Shop.ReadAllAsync(FeedStart.Beginning)).Count, killed, survivor);

        // From its next event on, instance a neither handles, saves nor renews anything, like a frozen process.
        killed.Kill();
        await Task.WhenAll(users.Select(Shop.PlaceAndShipAsync));
        var placed = DateTime.UtcNow;
        var all = await Shop.ReadAllAsync(FeedStart.Beginning);
        await RecordingHandler.WaitForAsync(all.Count, killed, survivor);

        var takeover = DateTime.UtcNow - placed;
        Assert.True(takeover < ConsumerTesting.Lease * 3, $"the survivor took over after {takeover}");
        Assert.Equal(all.Select(e => e.Position).Order(),
            killed.Events.Concat(survivor.Events).Select(e => e.Position).Order());
        await Shop.WaitForOwnersAsync("mail", new Dictionary<string, int> { ["b"] = 16 });
        survivor.AssertEachUsersEventsInFeedOrder();
    }

    [Fact]
    public async Task A_second_instance_takes_over_within_seconds_when_the_reading_instance_stalls()
    {
        var userId = await Shop.NewUserAsync();
        await Shop.PlaceAndShipAsync(userId);
        var firstBatch = (await Shop.ReadAllAsync(FeedStart.Beginning)).Count;
        var stuck = new RecordingHandler { StallAfter = firstBatch };
        var standby = new RecordingHandler();

        await using var first = Shop.RunConsumer("stall", stuck);
        await stuck.WaitForAsync(firstBatch);
        await Shop.PlaceAndShipAsync(userId);
        await stuck.Stalled.Task;
        var stalledAt = DateTime.UtcNow;

        await using var second = Shop.RunConsumer("stall", standby);
        await standby.WaitForAsync(3);

        var takeover = DateTime.UtcNow - stalledAt;
        Assert.True(takeover < ConsumerTesting.Lease * 4, $"the standby took over after {takeover}");
        // The stalled instance saved the first batch; the standby starts after it, with the second order's events.
        Assert.Equal([1L, 2L, 3L], standby.Events.Where(e => !e.IsUserEvent).Select(e => e.Version));
        Assert.True(standby.Events[0].Position > stuck.Events[^1].Position);
    }

    [Fact]
    public async Task A_group_started_again_resumes_after_its_saved_position()
    {
        var userId = await Shop.NewUserAsync();
        await Shop.PlaceAndShipAsync(userId);
        var before = new RecordingHandler();
        await using (Shop.RunConsumer("audit", before))
        {
            await before.WaitForAsync((await Shop.ReadAllAsync(FeedStart.Beginning)).Count);
            await Shop.WaitForSavedAsync("audit", FeedPartitions.Of(userId), before.Events[^1].Position);
        }

        var after = new RecordingHandler();
        var later = await Shop.PlaceAsync(userId);
        await using (Shop.RunConsumer("audit", after))
        {
            await after.WaitForAsync(1);
            await Task.Delay(ConsumerTesting.Lease);
        }

        Assert.Equal(later, Assert.Single(after.Events).OrderId);
    }
}
