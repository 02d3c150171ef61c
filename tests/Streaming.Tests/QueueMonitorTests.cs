using Orleans.Runtime;
using Shop.TestSupport;

namespace Shop.Streaming.Tests;

[Collection(PostgresCollection.Name)]
public sealed class QueueMonitorTests(PostgresServer server)
{
    [Fact]
    public async Task The_oldest_ready_message_reports_how_long_it_has_waited_and_nothing_once_a_reader_leases_it()
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        var stream = StreamId.Create("users", "8");
        await db.ProduceAsync(stream, new TestEvent("waiting"), new TestEvent("waiting-less"));
        // The first message became deliverable 90 s ago, the second 30 s ago: the older one is the queue's wait.
        await db.ScalarAsync("""
            WITH aged AS (
                UPDATE stream_messages SET visible_at = now() - CASE WHEN seq = (SELECT min(seq) FROM stream_messages)
                    THEN interval '90 seconds' ELSE interval '30 seconds' END
                RETURNING 1)
            SELECT count(*) FROM aged
            """);

        var waiting = Assert.Single(await db.Monitor.GetDepthsAsync(CancellationToken.None));
        Assert.Equal(2, waiting.Ready);
        Assert.InRange(waiting.OldestReadyWait, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(120));

        Assert.Equal(2, (await Leases.ReadAsync(await db.ReceiverAsync(db.QueueOf(stream)))).Count);
        var leased = Assert.Single(await db.Monitor.GetDepthsAsync(CancellationToken.None));
        Assert.Equal((0, 2, TimeSpan.Zero), (leased.Ready, leased.InFlight, leased.OldestReadyWait));
    }
}
