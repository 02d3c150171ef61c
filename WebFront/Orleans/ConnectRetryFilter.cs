using Microsoft.Extensions.Options;

namespace Shop.WebFront.Orleans;

/// <summary>
/// Keeps trying to reach the cluster while WebFront starts, so start order does not matter in docker-compose.
/// Orleans calls this between its own attempts; there is no loop of ours here.
/// </summary>
internal sealed partial class ConnectRetryFilter(IOptions<OrleansClientOptions> options, ILogger<ConnectRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogClusterNotReachable(logger, exception.GetType().Name, options.Value.ConnectRetryDelay);
        await Task.Delay(options.Value.ConnectRetryDelay, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster not reachable yet ({Reason}); trying again in {Delay}")]
    private static partial void LogClusterNotReachable(ILogger logger, string reason, TimeSpan delay);
}
