using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using Shop.Grains.Email;

namespace Shop.Silo.Email;

/// <summary>
/// The embedded default: each message becomes one <c>.eml</c> file in the pickup folder, named
/// <c>{kind}-{key}-{time}-{random}.eml</c> (e.g. <c>welcome-42-…</c> for user 42). A file appears whole or not at all,
/// and is on disk before the send completes (<see cref="PickupFileWriter"/>).
/// </summary>
public sealed class PickupDirectoryEmailSender(IOptions<EmailSenderOptions> options, TimeProvider clock) : IEmailSender, IAsyncDisposable
{
    // Files are read by people and scripts (grep "^To:"): headers stay on one line up to RFC 5322's hard limit
    // instead of being folded at 78 characters, and names are plain UTF-8 rather than encoded words.
    private static readonly FormatOptions Unfolded = new() { MaxLineLength = 998, NewLineFormat = NewLineFormat.Dos, International = true };

    private readonly PickupFileWriter _writer = new();

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{message.Kind}-{message.Key}-{now:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}.eml");
        using var content = new MemoryStream();
        await MimeMessages.Create(message, settings.Smtp.From, now).WriteToAsync(Unfolded, content, cancellationToken);
        // Created at start-up (EmailSenderAnnouncement); again here only if an operator removed it since.
        var directory = settings.PickupDirectory!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await _writer.WriteAsync(Path.Combine(directory, name), content.GetBuffer().AsMemory(0, (int)content.Length)).WaitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
