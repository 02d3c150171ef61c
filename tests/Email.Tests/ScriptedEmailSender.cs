using System.Collections.Concurrent;
using Shop.Grains.Email;

namespace Shop.Email.Tests;

/// <summary>
/// A sender a test steers: it can be down for everyone (<see cref="Down"/>) or fail the first tries of one job; it
/// records when each job was tried and what was sent.
/// </summary>
public sealed class ScriptedEmailSender : IEmailSender
{
    private readonly ConcurrentDictionary<long, ConcurrentQueue<DateTimeOffset>> tries = new();
    private readonly ConcurrentQueue<EmailMessage> sent = new();
    private readonly ConcurrentDictionary<string, int> failFirst = new(StringComparer.OrdinalIgnoreCase);

    private volatile bool down;

    public bool Down
    {
        get => down;
        set => down = value;
    }

    public IReadOnlyList<EmailMessage> Sent => [.. sent];

    public int TotalTries => tries.Values.Sum(times => times.Count);

    /// <summary>Fails the first <paramref name="times"/> tries to <paramref name="address"/> (int.MaxValue: always).</summary>
    public void FailFirst(string address, int times) => failFirst[address] = times;

    public IReadOnlyList<DateTimeOffset> TriesOf(long key) => tries.TryGetValue(key, out var times) ? [.. times] : [];

    public IReadOnlyList<EmailMessage> SentTo(long key) => [.. sent.Where(message => message.Key == key)];

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attempts = tries.GetOrAdd(message.Key, _ => new ConcurrentQueue<DateTimeOffset>());
        attempts.Enqueue(DateTimeOffset.UtcNow);
        if (Down)
        {
            throw new IOException("Connection refused (the test's mail server is down).");
        }

        if (failFirst.TryGetValue(message.To, out var times) && attempts.Count <= times)
        {
            throw new IOException($"Try {attempts.Count} fails on purpose.");
        }

        sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
