using Shop.Grains.Email;

namespace Shop.Email.Tests;

/// <summary>
/// A mail server that takes the message (the mail has gone out) and then never answers, so the job that sent it is
/// stuck between the send and the write of its sent marker: the moment a test kills the silo.
/// </summary>
public sealed class StuckAfterSendingEmailSender : IEmailSender
{
    private readonly TaskCompletionSource<EmailMessage> accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The message the server took; completes when it is taken.</summary>
    public Task<EmailMessage> Accepted => accepted.Task;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        accepted.TrySetResult(message);
        // Deaf to the per-try timeout's cancellation on purpose: the silo is killed before it could run out.
        await answered.Task;
    }

    /// <summary>Ends the stuck send with a failure, so that a killed silo's leftover call cannot store anything.</summary>
    public void Fail() => answered.TrySetException(new IOException("The connection to the mail server was lost with its silo."));
}
