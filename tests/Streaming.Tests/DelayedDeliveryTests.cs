using Orleans.Runtime;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Streaming.Tests;

/// <summary>A producer can hold a message back until a given time (how e-mail jobs hand themselves back for later).</summary>
[Collection(PostgresCollection.Name)]
public sealed class DelayedDeliveryTests(PostgresServer server)
{
    [Fact]
    public async Task A_message_with_a_delivery_time_is_not_read_before_it_and_then_comes_behind_newer_messages_with_a_newer_token()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var stream = StreamId.Create("jobs", "7");
        var receiver = await db.ReceiverAsync(db.QueueOf(stream));
        var adapter = await db.AdapterAsync();
        // Five seconds for the next three statements to read "now" alone, however slow the machine; the delayed message
        // is then waited for, not timed.
        var notBefore = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);

        await adapter.QueueMessageBatchAsync(stream, [new TestEvent("later")], null, new Dictionary<string, object>
        {
            [PostgresStreamDelivery.NotBeforeKey] = notBefore,
            ["trace"] = "kept",
        });
        await db.ProduceAsync(stream, new TestEvent("now"));
        var first = await Leases.ReadAsync(receiver);
        var later = await Leases.ReadWithinAsync(receiver, TimeSpan.FromSeconds(60));

        Assert.Equal(["now"], first.Select(batch => batch.EventId()));
        var delayed = Assert.Single(later);
        Assert.Equal("later", delayed.EventId());
        Assert.True(DateTimeOffset.UtcNow >= notBefore.AddMilliseconds(-100), "delivered before its time");
        Assert.True(delayed.SequenceToken.SequenceNumber > first[0].SequenceToken.SequenceNumber);
        // The delivery time is for the queue only; the rest of the request context travels on.
        Assert.Equal(new Dictionary<string, object> { ["trace"] = "kept" }, delayed.RequestContext);
    }

    [Fact]
    public void The_delivery_time_key_is_the_one_the_shop_documents_for_producers() =>
        Assert.Equal(Shop.Grains.Interfaces.Events.ShopStreams.DeliverNotBeforeKey, PostgresStreamDelivery.NotBeforeKey);
}
