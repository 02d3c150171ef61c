using System.Collections.Concurrent;
using Shop.Grains.Email;

namespace Shop.Grains.Tests;

/// <summary>
/// Records every mail "sent" and every try; a test can make the sends to one address fail a number of times first.
/// </summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> sent = new();
    private readonly ConcurrentQueue<EmailMessage> tries = new();
    private readonly ConcurrentDictionary<string, int> failuresLeft = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<EmailMessage> Sent => [.. sent];

    public void FailFirst(string address, int times) => failuresLeft[address] = times;

    public IReadOnlyList<EmailMessage> SentFor(string kind, long key) => [.. sent.Where(m => m.Kind == kind && m.Key == key)];

    public int TriesFor(string kind, long key) => tries.Count(m => m.Kind == kind && m.Key == key);

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        tries.Enqueue(message);
        var failing = false;
        failuresLeft.AddOrUpdate(message.To, 0, (_, left) =>
        {
            failing = left > 0;
            return Math.Max(0, left - 1);
        });
        if (failing)
        {
            throw new IOException("The test sender fails on purpose.");
        }

        sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
