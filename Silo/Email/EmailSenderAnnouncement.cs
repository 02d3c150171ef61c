using Microsoft.Extensions.Options;

namespace Shop.Silo.Email;

/// <summary>Says at start-up where mail goes, and makes sure the pickup folder can be created before any job needs it.</summary>
internal sealed partial class EmailSenderAnnouncement(IOptions<EmailSenderOptions> options, ILogger<EmailSenderAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.UsesSmtp)
        {
            LogSmtp(logger, settings.Smtp.Host!, settings.Smtp.Port, settings.Smtp.UseSsl);
        }
        else
        {
            Directory.CreateDirectory(settings.PickupDirectory!);
            LogPickup(logger, settings.PickupDirectory!);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "E-mail goes to the SMTP server {Host}:{Port} (TLS required: {UseSsl})")]
    private static partial void LogSmtp(ILogger logger, string host, int port, bool useSsl);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Information, Message = "E-mail is written to the pickup folder {Directory} (no SMTP host set)")]
    private static partial void LogPickup(ILogger logger, string directory);
}
