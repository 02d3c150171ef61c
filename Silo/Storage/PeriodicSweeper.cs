using Npgsql;

namespace Shop.Silo.Storage;

/// <summary>
/// Runs one bulk DELETE of expired rows every <c>interval</c> on every silo (the DELETEs are idempotent), logging what
/// it removed; a failed sweep is logged and left to the next one.
/// </summary>
public abstract partial class PeriodicSweeper(TimeSpan interval, string what, ILogger logger) : BackgroundService
{
    public abstract Task<int> SweepOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await SweepOnceAsync(stoppingToken);
                LogSwept(logger, deleted, what);
            }
            catch (NpgsqlException exception)
            {
                LogSweepFailed(logger, what, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired {What}")]
    private static partial void LogSwept(ILogger logger, int count, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired {What} failed; the next sweep retries")]
    private static partial void LogSweepFailed(ILogger logger, string what, Exception exception);
}
