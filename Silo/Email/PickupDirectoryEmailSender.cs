using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using Shop.Grains.Email;

namespace Shop.Silo.Email;

/// <summary>
/// The embedded default: each message becomes one <c>.eml</c> file in the pickup folder, named
/// <c>{kind}-{key}-{time}-{random}.eml</c> (e.g. <c>welcome-42-…</c> for user 42). A file appears whole or not at all:
/// it is written under a hidden temporary name and renamed.
/// </summary>
public sealed class PickupDirectoryEmailSender(IOptions<EmailSenderOptions> options, TimeProvider clock) : IEmailSender
{
    // Files are read by people and scripts (grep "^To:"): headers stay on one line up to RFC 5322's hard limit
    // instead of being folded at 78 characters, and names are plain UTF-8 rather than encoded words.
    private static readonly FormatOptions Unfolded = new() { MaxLineLength = 998, NewLineFormat = NewLineFormat.Dos, International = true };

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var directory = settings.PickupDirectory!;
        Directory.CreateDirectory(directory);
        var now = clock.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{message.Kind}-{message.Key}-{now:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}.eml");
        var final = Path.Combine(directory, name);
        var temporary = Path.Combine(directory, $".{name}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await MimeMessages.Create(message, settings.Smtp.From, now).WriteToAsync(Unfolded, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, final);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
