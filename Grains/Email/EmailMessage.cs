namespace Shop.Grains.Email;

/// <summary>
/// One e-mail to send. <see cref="Kind"/> and <see cref="Key"/> say which job made it (e.g. <c>welcome</c> and the
/// user id): senders use them to name what they write, and <see cref="MessageId"/> is the same for every attempt of one
/// job, so a receiving server can recognise a repeated send.
/// </summary>
public sealed record EmailMessage
{
    public required string To { get; init; }

    public string? ToName { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public required string Kind { get; init; }

    public required long Key { get; init; }

    public required string MessageId { get; init; }

    // Records print every member; a log line about a message names the job, not the recipient's address.
    public override string ToString() => $"EmailMessage {{ Kind = {Kind}, Key = {Key}, MessageId = {MessageId} }}";
}
