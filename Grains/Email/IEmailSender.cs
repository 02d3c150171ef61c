namespace Shop.Grains.Email;

/// <summary>
/// Hands one message to the outside world (a pickup folder, an SMTP server). Called through <see cref="EmailDelivery"/>,
/// which adds retries and a circuit breaker: an implementation makes one attempt and throws when it fails.
/// </summary>
public interface IEmailSender
{
    /// <exception cref="EmailRejectedException">The message itself was refused (e.g. the mailbox does not exist); trying again will not help.</exception>
    /// <remarks>Any other exception counts as a transient failure of the sender.</remarks>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
