using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Shop.Grains.Email;

namespace Shop.Silo.Email;

/// <summary>
/// Sends through the SMTP server of <c>Email:Smtp:*</c> with MailKit, one connection per message (mail is rare here).
/// A refusal of the message itself (5xx for the sender, a recipient or the content) becomes
/// <see cref="EmailRejectedException"/>; everything else is a failure of the server and is left to the retry policy.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailSenderOptions> options, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;
        var mime = MimeMessages.Create(message, smtp.From, clock.GetUtcNow());
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, Security(smtp), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }

        try
        {
            await client.SendAsync(mime, cancellationToken);
        }
        catch (SmtpCommandException refused) when (IsRefusalOfMessage(refused))
        {
            throw new EmailRejectedException($"The SMTP server refused the message ({(int)refused.StatusCode}).", refused);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions Security(SmtpOptions smtp) => smtp switch
    {
        { UseSsl: false } => SecureSocketOptions.None,
        { Port: 465 } => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    private static bool IsRefusalOfMessage(SmtpCommandException exception) =>
        (int)exception.StatusCode >= 500
        && exception.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted;
}
