namespace Shop.Streaming.Postgres;

/// <summary>
/// Reads one provider's queue depths (and so whether PostgreSQL answers) every <see cref="PostgresStreamOptions.MetricsInterval"/> for
/// <see cref="StreamMetrics"/>: gauges are observed synchronously, so they report the last reading instead of
/// querying PostgreSQL on every scrape.
/// </summary>
internal sealed class StreamQueueGauges(
    string provider,
    StreamQueueMonitor monitor,
    StreamMetrics metrics,
    TimeSpan interval,
    ILogger<StreamQueueGauges> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                metrics.Record(provider, await monitor.GetDepthsAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A PostgresException is the server's own answer (an error in the statement): it is reachable.
                metrics.ReadingFailed(provider, postgresAnswered: exception is Npgsql.PostgresException);
                logger.DepthsUnavailable(exception, provider);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
