using Npgsql;

namespace Shop.Feed.Client;

/// <summary>Partitions and their positions as the three arrays (@partitions, @txs, @positions) that SQL unnests.</summary>
internal static class PartitionPositions
{
    public static void Add(NpgsqlCommand command, IReadOnlyDictionary<int, FeedPosition> positions)
    {
        var pairs = positions.ToArray();
        command.Parameters.AddWithValue("partitions", pairs.Select(pair => (short)pair.Key).ToArray());
        command.Parameters.AddWithValue("txs", pairs.Select(pair => pair.Value.Transaction).ToArray());
        command.Parameters.AddWithValue("positions", pairs.Select(pair => pair.Value.Sequence).ToArray());
    }

    /// <summary>Rows of (partition, tx, position), as the lease statements return them.</summary>
    public static async Task<Dictionary<int, FeedPosition>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var positions = new Dictionary<int, FeedPosition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            positions[reader.GetInt16(0)] = new FeedPosition(reader.GetInt64(1), reader.GetInt64(2));
        }

        return positions;
    }
}
