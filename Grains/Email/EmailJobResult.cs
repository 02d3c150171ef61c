namespace Shop.Grains.Email;

/// <summary>How one delivery of an e-mail job ended, when it did not throw.</summary>
public readonly record struct EmailJobResult(EmailJobOutcome Outcome, string? MessageId = null, DateTimeOffset? DeferredUntil = null)
{
    public static EmailJobResult Sent(string messageId) => new(EmailJobOutcome.Sent, MessageId: messageId);

    public static EmailJobResult NothingToSend { get; } = new(EmailJobOutcome.NothingToSend);

    public static EmailJobResult Defer(DateTimeOffset until) => new(EmailJobOutcome.Deferred, DeferredUntil: until);
}

public enum EmailJobOutcome
{
    Sent,
    NothingToSend,
    Deferred,
}
