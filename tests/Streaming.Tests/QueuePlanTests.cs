using Npgsql;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Streaming.Tests;

/// <summary>
/// Every statement the queues run periodically, whether or not there is traffic (reads of idle queues, the idle probe,
/// leases, renewals, acknowledgements, cleanup), is answered by an index: none scans <c>stream_messages</c> or
/// <c>stream_dead_letters</c>, which grow with backlog and retention.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QueuePlanTests(PostgresServer server)
{
    private static readonly int[] SomeQueues = [1, 3, 5];

    public static TheoryData<string, string> PeriodicStatements => new()
    {
        { nameof(StreamMessageSql.AnyVisible), StreamMessageSql.AnyVisible },
        { nameof(StreamMessageSql.EarliestDue), StreamMessageSql.EarliestDue },
        { nameof(StreamMessageSql.DeadLetterExhausted), StreamMessageSql.DeadLetterExhausted },
        { nameof(StreamMessageSql.Resequence), StreamMessageSql.Resequence },
        { nameof(StreamMessageSql.Lease), StreamMessageSql.Lease },
        { nameof(StreamMessageSql.Renew), StreamMessageSql.Renew },
        { nameof(StreamMessageSql.Acknowledge), StreamMessageSql.Acknowledge },
        { nameof(StreamMessageSql.Expire), StreamMessageSql.Expire },
        { nameof(StreamMessageSql.PurgeDeadLetters), StreamMessageSql.PurgeDeadLetters },
    };

    [Theory]
    [MemberData(nameof(PeriodicStatements))]
    public async Task A_periodic_queue_statement_scans_no_table_that_grows(string name, string sql)
    {
        await using var db = await StreamDatabase.CreateAsync(server);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        // Test tables are tiny, where a scan is cheapest; what matters is that an index can answer once they are not.
        await using (var noScans = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noScans.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        explain.Parameters.AddWithValue("provider", StreamDatabase.Provider);
        explain.Parameters.AddWithValue("queue", 3);
        explain.Parameters.AddWithValue("queues", SomeQueues);
        explain.Parameters.AddWithValue("max", 64);
        explain.Parameters.AddWithValue("max_attempts", 3);
        explain.Parameters.AddWithValue("lease", TimeSpan.FromSeconds(30));
        explain.Parameters.AddWithValue("ttl", TimeSpan.FromDays(7));
        explain.Parameters.AddWithValue("retention", TimeSpan.FromDays(30));
        explain.Parameters.AddWithValue("receipts", (Guid[])[Guid.NewGuid()]);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        Assert.False(text.Contains("Seq Scan on stream_messages", StringComparison.Ordinal), $"{name}:\n{text}");
        Assert.False(text.Contains("Seq Scan on stream_dead_letters", StringComparison.Ordinal), $"{name}:\n{text}");
    }
}
