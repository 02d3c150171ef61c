using System.Collections.Concurrent;
using Shop.Grains.Email;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>The test silo's e-mail sender: keeps what the jobs send instead of writing it anywhere.</summary>
public sealed class CapturedEmails : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> sent = new();

    public IReadOnlyList<EmailMessage> Sent => [.. sent];

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
