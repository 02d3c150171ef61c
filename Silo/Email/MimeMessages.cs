using MimeKit;
using Shop.Grains.Email;

namespace Shop.Silo.Email;

/// <summary>An <see cref="EmailMessage"/> as MIME, the same for the pickup folder and SMTP.</summary>
internal static class MimeMessages
{
    public static MimeMessage Create(EmailMessage message, string from, DateTimeOffset date)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = date,
            MessageId = message.MessageId,
            Body = new TextPart("plain") { Text = message.TextBody },
        };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.To));
        return mime;
    }
}
