namespace Shop.Silo.Hosting;

/// <summary>Says loudly, at start-up, that the embedded default keeps nothing.</summary>
internal sealed partial class EmbeddedModeWarning(ILogger<EmbeddedModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogEmbedded(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "ConnectionStrings:Postgres is not set: running the embedded default (localhost clustering, in-memory storage, " +
        "reminders and job streams). Data is NOT kept: everything, pending e-mails included, is lost when this silo stops.")]
    private static partial void LogEmbedded(ILogger logger);
}
