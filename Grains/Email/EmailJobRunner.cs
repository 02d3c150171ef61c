using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Shop.Grains.Email;

/// <summary>
/// One delivery of an e-mail job, once its grain knows the mail has not gone out: wait until it is due, read what to
/// send, send it.
/// <para>
/// Two layers of retrying meet here. Inside the delivery, <see cref="EmailDelivery"/>'s Polly retries absorb short
/// blips. When they give up, this throws: the stream provider counts a failed attempt, redelivers after its exponential
/// backoff and dead-letters after <see cref="EmailOptions.MaxAttempts"/>, so a message that cannot be sent ends where
/// an operator sees it. An outage is different: once the breaker is open the sender is known to be down, and burning
/// attempts would dead-letter every pending mail within seconds. So an open breaker (or a failure that leaves it open,
/// such as a failed probe) does not throw: the job waits for the breaker's next probe (within
/// <see cref="EmailOptions.HoldLimit"/>) or is handed back to the queue, delivered again when the breaker is due to let
/// a probe through, with no attempt used. Jobs wait as long as the outage lasts and go out when it ends.
/// </para>
/// <para>
/// The price: a message whose sends fail in a way that looks like the sender's fault keeps the breaker open. Senders
/// report refusals of a message as <see cref="EmailRejectedException"/>, which the breaker ignores, and after
/// <see cref="EmailOptions.MaxDeferral"/> a job stops waiting: its failures count again and it ends as a dead letter.
/// </para>
/// </summary>
public sealed partial class EmailJobRunner(
    EmailDelivery delivery,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock,
    EmailJobMetrics metrics,
    ILogger<EmailJobRunner> logger)
{
    // A half-open breaker may refuse with no retry time while its probe runs; never poll faster than this.
    private static readonly TimeSpan ShortestPause = TimeSpan.FromMilliseconds(250);

    /// <param name="job">The job's name, for metrics and logs.</param>
    /// <param name="key">The user or order id the job is about.</param>
    /// <param name="due">Not to be sent before this.</param>
    /// <param name="compose">Reads the current data and makes the message; null when there is nothing to send.</param>
    /// <exception cref="Exception">Anything but an open breaker: the delivery failed and should be attempted again.</exception>
    public async Task<EmailJobResult> RunAsync(string job, long key, DateTimeOffset due, Func<Task<EmailMessage?>> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var settings = options.CurrentValue;
        var deadline = clock.GetUtcNow() + settings.HoldLimit;
        if (due > deadline)
        {
            // As below: a queue that ignores delivery times hands the job straight back; holding keeps that slow.
            await WaitUntilAsync(deadline);
            return Defer(job, key, due, EmailJobMetrics.DeferralReasons.NotDue);
        }

        try
        {
            await WaitUntilAsync(due);
            var message = await compose();
            if (message is null)
            {
                metrics.Completed(job, EmailJobMetrics.Outcomes.NothingToSend);
                LogNothingToSend(logger, job, key);
                return EmailJobResult.NothingToSend;
            }

            while (true)
            {
                try
                {
                    await delivery.SendAsync(message, CancellationToken.None);
                    metrics.Completed(job, EmailJobMetrics.Outcomes.Sent);
                    return EmailJobResult.Sent(message.MessageId);
                }
                catch (Exception exception) when (delivery.IsSenderDown(exception) && clock.GetUtcNow() - due <= settings.MaxDeferral)
                {
                    var retryAfter = (exception as BrokenCircuitException)?.RetryAfter ?? settings.Resilience.BreakDuration;
                    var retryAt = clock.GetUtcNow() + (retryAfter > ShortestPause ? retryAfter : ShortestPause);
                    // Waiting out the hold even when the retry lies beyond it keeps queues that ignore delivery times
                    // (memory streams, the embedded default) from spinning on a deferred job.
                    await WaitUntilAsync(retryAt < deadline ? retryAt : deadline);
                    if (retryAt > deadline)
                    {
                        return Defer(job, key, retryAt, EmailJobMetrics.DeferralReasons.SenderDown);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            metrics.Failed(job);
            LogFailed(logger, exception, job, key);
            throw;
        }
    }

    /// <summary>A redelivery of a job whose mail already went out.</summary>
    public void AlreadySent(string job, long key)
    {
        metrics.Completed(job, EmailJobMetrics.Outcomes.AlreadySent);
        LogAlreadySent(logger, job, key);
    }

    private EmailJobResult Defer(string job, long key, DateTimeOffset until, string reason)
    {
        metrics.Deferred(job, reason);
        LogDeferred(logger, job, key, until, reason);
        return EmailJobResult.Defer(until);
    }

    private async Task WaitUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock);
        }
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Job {Job} for {Key}: nothing to send (it no longer or never existed)")]
    private static partial void LogNothingToSend(ILogger logger, string job, long key);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Job {Job} for {Key} delivered again after its mail went out; nothing sent")]
    private static partial void LogAlreadySent(ILogger logger, string job, long key);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Information, Message = "Job {Job} for {Key} handed back to the queue until {Until} ({Reason})")]
    private static partial void LogDeferred(ILogger logger, string job, long key, DateTimeOffset until, string reason);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Warning, Message = "Job {Job} for {Key} failed; the queue will attempt it again or dead-letter it")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job, long key);
}
