using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Shop.Grains.Idempotency;

namespace Shop.Silo.Storage;

/// <summary>
/// Deletes idempotency records past their retention in one statement, so the request path pays one write per key
/// and no reminder. Rows are only ever deleted long after their grain went idle (retention ≫ collection age); a
/// record that is still read is expired by the grain itself. Every silo sweeps; the DELETE is idempotent.
/// </summary>
public sealed partial class IdempotencySweeper(
    NpgsqlDataSource database,
    IOptions<IdempotencyOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<IdempotencySweeper> logger) : BackgroundService
{
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "DELETE FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND modified_at < now() - $3");
        command.Parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = IdempotencyGrain.StateName });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Retention });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await SweepOnceAsync(stoppingToken);
                LogSwept(logger, deleted);
            }
            catch (NpgsqlException exception)
            {
                LogSweepFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired idempotency records")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired idempotency records failed; the next sweep retries")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
