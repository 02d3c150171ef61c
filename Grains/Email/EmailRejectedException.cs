namespace Shop.Grains.Email;

/// <summary>
/// The receiving side refused this message for a reason of its own (address, content). Not retried in place and not
/// counted against the sender's health; the job's delivery attempts still apply and end in a dead letter.
/// </summary>
public sealed class EmailRejectedException : Exception
{
    public EmailRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
