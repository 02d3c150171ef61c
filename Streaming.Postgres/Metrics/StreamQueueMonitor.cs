using Npgsql;

namespace Shop.Streaming.Postgres;

/// <summary>
/// Queue depths, dead-letter counts and the wait of each queue's oldest ready message, of one provider, for metrics
/// and operator tools. One statement on the (provider, queue_id, visible_at) index: the periodic reading that feeds the
/// gauges is also what tells whether PostgreSQL answers.
/// </summary>
internal sealed class StreamQueueMonitor(string provider, int queueCount, NpgsqlDataSource dataSource)
{
    private const string DepthSql = """
        SELECT q.queue_id,
            count(m.id) FILTER (WHERE m.visible_at <= now()),
            count(m.id) FILTER (WHERE m.visible_at > now() AND m.lease_id IS NOT NULL),
            count(m.id) FILTER (WHERE m.visible_at > now() AND m.lease_id IS NULL),
            (SELECT count(*) FROM stream_dead_letters d WHERE d.provider = @provider AND d.queue_id = q.queue_id),
            coalesce(extract(epoch FROM now() - min(m.visible_at) FILTER (WHERE m.visible_at <= now())), 0)::float8
        FROM generate_series(0, @queues - 1) AS q(queue_id)
        LEFT JOIN stream_messages m ON m.provider = @provider AND m.queue_id = q.queue_id
        GROUP BY q.queue_id
        ORDER BY q.queue_id
        """;

    public async Task<IReadOnlyList<StreamQueueDepth>> GetDepthsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DepthSql);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("queues", queueCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var depths = new List<StreamQueueDepth>(queueCount);
        while (await reader.ReadAsync(cancellationToken))
        {
            depths.Add(new StreamQueueDepth(
                reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                TimeSpan.FromSeconds(reader.GetDouble(5))));
        }

        return depths;
    }
}
