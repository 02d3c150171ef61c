using Orleans.Streams;
using Orleans.Streams.Core;

namespace Shop.Grains.Email;

/// <summary>
/// One mail job per key (a user, an order), fed by an implicit stream subscription: events arrive at least once
/// (and, handed back for later, on the job's deferred namespace); a stored sent marker, written after the send, makes
/// the mail go out once (only a crash between the send and the marker can repeat it). Where the marker lives is the
/// job's choice. What to send is composed when the mail is due, from the grains as they are then.
/// </summary>
public abstract class EmailJobGrain<TEvent>(EmailJobRunner runner, TimeProvider clock)
    : Grain, IStreamSubscriptionObserver, IAsyncObserver<TEvent>
{
    /// <summary>The job's name in logs and metrics.</summary>
    protected abstract string Job { get; }

    /// <summary>The stream namespace the job re-enqueues itself on when the mail cannot go out yet.</summary>
    protected abstract string DeferredNamespace { get; }

    protected long Key => this.GetPrimaryKeyLong();

    /// <summary>When the mail is due for <paramref name="item"/>.</summary>
    protected abstract DateTimeOffset DueAt(TEvent item);

    /// <summary>The mail, or null when there is nothing to send any more (its subject was never stored or is gone).</summary>
    protected abstract Task<EmailMessage?> ComposeAsync();

    /// <returns>Whether the stored marker says the mail went out.</returns>
    protected abstract ValueTask<bool> WasSentAsync();

    /// <summary>Stores the marker; the event is acknowledged only after it.</summary>
    protected abstract Task MarkSentAsync(EmailJobState sent);

    async Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TEvent>().ResumeAsync(this);

    async Task IAsyncObserver<TEvent>.OnNextAsync(TEvent item, StreamSequenceToken? token)
    {
        // A job is one delivery's work: whatever its outcome, a later event (a redelivery, the deferred copy) activates
        // it again. Kept for the collection age instead, every order of the last 15 minutes would hold a job activation
        // (at 900 orders/s, 810,000 of them), and the heap the GC walks with them.
        DeactivateOnIdle();
        if (await WasSentAsync())
        {
            runner.AlreadySent(Job, Key);
            return;
        }

        var result = await runner.RunAsync(Job, Key, DueAt(item), ComposeAsync);
        switch (result.Outcome)
        {
            case EmailJobOutcome.Sent:
                await MarkSentAsync(new EmailJobState { SentAt = clock.GetUtcNow(), MessageId = result.MessageId });
                break;
            case EmailJobOutcome.Deferred:
                await this.DeferAsync(DeferredNamespace, item, result.DeferredUntil!.Value);
                break;
        }
    }

    Task IAsyncObserver<TEvent>.OnCompletedAsync() => Task.CompletedTask;

    Task IAsyncObserver<TEvent>.OnErrorAsync(Exception ex) => Task.CompletedTask;
}
