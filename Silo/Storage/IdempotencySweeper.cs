using Microsoft.Extensions.Options;
using Npgsql;
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
    ILogger<IdempotencySweeper> logger) : BackgroundService
{
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        // By the expiry index (migration 0007), not a scan of every grain's state.
        await using var command = database.CreateCommand("DELETE FROM idempotency_records WHERE expires_at < now()");
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
