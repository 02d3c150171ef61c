namespace Shop.Grains.Email;

/// <summary>
/// What an e-mail job grain keeps in "store": that its mail went out. Written after the send, so a redelivered event
/// finds it and sends nothing; only a crash between the send and this write can repeat a mail.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.email-job-state.v1")]
public sealed record EmailJobState
{
    [Id(0)] public DateTimeOffset? SentAt { get; init; }

    [Id(1)] public string? MessageId { get; init; }
}
