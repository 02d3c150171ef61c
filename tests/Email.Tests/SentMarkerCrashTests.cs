using Shop.Grains.Email;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;

namespace Shop.Email.Tests;

/// <summary>The one gap README names in "each mail once": a crash between the send and the write of its sent marker.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SentMarkerCrashTests(PostgresServer server)
{
    /// <summary>
    /// What it shows: the mail goes out AGAIN. The sent marker is written only after the mail server took the message,
    /// so a silo that dies in between leaves the marker unwritten and the job's queue message unacknowledged; the next
    /// silo takes the message again (its lease runs out or was handed back), finds no marker and sends the mail a
    /// second time. At that boundary delivery is at least once, not exactly once; what README promises in its place is
    /// one Message-ID per job, so a receiving server can tell the repeat. The "kill" is a hard stop of an in-process
    /// silo (<see cref="ShopSilo.KillAsync"/>: ungraceful, and the hanging send ends only after it, in a failure), not a
    /// SIGKILL of a process: the test needs its own sender inside the silo to stop it at exactly that point.
    /// </summary>
    [Fact]
    public async Task A_silo_killed_after_a_mail_went_out_but_before_its_sent_marker_was_stored_sends_it_again_with_the_same_Message_ID()
    {
        var stuck = new StuckAfterSendingEmailSender();
        var silo = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(), stuck);
        UserView user;
        EmailMessage first;
        try
        {
            user = await silo.Client.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(NewUsers.Named("crash"));
            first = await stuck.Accepted.WaitAsync(Poll.Patience);
            await silo.KillAsync();
        }
        finally
        {
            await silo.DisposeAsync();
            stuck.Fail();
        }

        var next = new ScriptedEmailSender();
        await using var restarted = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(), next, silo.Database);

        await Poll.UntilAsync(() => next.SentTo(user.Id).Count > 0, "the next silo delivers the job again");
        await Poll.UntilAsync(async () => await restarted.CountAsync("stream_messages") == 0, "the queue is empty");
        await Poll.NeverAsync(() => next.SentTo(user.Id).Count > 1, "a third welcome mail", ShopSilo.DuplicateWatch);

        Assert.Equal(user.Id, first.Key);
        var again = Assert.Single(next.SentTo(user.Id));
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotNull(await restarted.Client.GetGrain<IWelcomeEmailGrain>(user.Id).GetSentAtAsync());
    }
}
