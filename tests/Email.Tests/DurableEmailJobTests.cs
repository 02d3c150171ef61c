using Shop.Grains.Email;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Jobs;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;

namespace Shop.Email.Tests;

/// <summary>
/// The welcome mail through the real silo and the durable PostgreSQL queue: the queue's attempts and backoff, its dead
/// letters and their re-drive, and the breaker that keeps an outage from using up attempts.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableEmailJobTests(PostgresServer server)
{
    [Fact]
    public async Task A_sender_that_always_fails_leaves_a_dead_letter_after_three_attempts_spaced_by_the_backoff()
    {
        var sender = new ScriptedEmailSender();
        await using var silo = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(), sender);
        var command = NewUsers.Named("broken");
        sender.FailFirst(command.Email, int.MaxValue);

        var user = await Directory(silo).CreateUserAsync(command);
        var admin = silo.Client.GetGrain<IDeadLetterAdminGrain>(0);
        await Poll.UntilAsync(async () => (await admin.ListAsync(10)).Count > 0, "the job is dead-lettered");

        var tries = sender.TriesOf(user.Id);
        Assert.Equal(3, tries.Count);
        // The queue waits Backoff, then twice that; the gaps also hold the agent's failure report and polling.
        Assert.True(tries[1] - tries[0] >= EmailJobSettings.Backoff, $"first gap {tries[1] - tries[0]}");
        Assert.True(tries[2] - tries[1] >= 2 * EmailJobSettings.Backoff, $"second gap {tries[2] - tries[1]}");
        var dead = Assert.Single(await admin.ListAsync(10));
        Assert.Equal(ShopStreams.Users, dead.StreamNamespace);
        Assert.Equal(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), dead.StreamKey);
        Assert.Equal(3, dead.Attempts);
        Assert.Empty(sender.Sent);
        Assert.Null(await silo.Client.GetGrain<IWelcomeEmailGrain>(user.Id).GetSentAtAsync());

        // Fixed, and re-driven by an operator: the mail goes out once.
        sender.FailFirst(command.Email, 0);
        Assert.True(await admin.RedriveAsync(dead.Id));
        Assert.False(await admin.RedriveAsync(dead.Id));
        await Poll.UntilAsync(() => sender.SentTo(user.Id).Count > 0, "the re-driven mail is sent");
        await Poll.NeverAsync(() => sender.SentTo(user.Id).Count > 1, "a second welcome mail", ShopSilo.DuplicateWatch);
        Assert.Empty(await admin.ListAsync(10));
    }

    [Fact]
    public async Task A_sender_that_fails_twice_then_succeeds_sends_one_email_on_the_third_attempt()
    {
        var sender = new ScriptedEmailSender();
        await using var silo = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(), sender);
        var command = NewUsers.Named("flaky");
        sender.FailFirst(command.Email, 2);

        var user = await Directory(silo).CreateUserAsync(command);
        await Poll.UntilAsync(() => sender.SentTo(user.Id).Count > 0, "the mail is sent");
        await Poll.UntilAsync(async () => await silo.CountAsync("stream_messages") == 0, "the queue is empty");
        await Poll.NeverAsync(() => sender.TriesOf(user.Id).Count > 3, "a fourth try", ShopSilo.DuplicateWatch);

        Assert.Equal(3, sender.TriesOf(user.Id).Count);
        Assert.Single(sender.SentTo(user.Id));
        Assert.Empty(await silo.Client.GetGrain<IDeadLetterAdminGrain>(0).ListAsync(10));
        Assert.NotNull(await silo.Client.GetGrain<IWelcomeEmailGrain>(user.Id).GetSentAtAsync());
    }

    [Fact]
    public async Task While_the_mail_server_is_down_jobs_wait_in_the_queue_and_all_go_out_once_when_it_is_back()
    {
        var sender = new ScriptedEmailSender { Down = true };
        await using var silo = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(new Dictionary<string, string?>
        {
            // Attempts alone would be used up in about two seconds; the outage lasts far longer.
            ["Streams:Jobs:RetryBackoff"] = "00:00:00.200",
            ["Email:HoldLimit"] = "00:00:00.500",
            ["Email:Resilience:MinimumThroughput"] = "2",
            ["Email:Resilience:BreakDuration"] = "00:00:01",
        }), sender);

        var users = new List<UserView>();
        for (var i = 0; i < 5; i++)
        {
            users.Add(await Directory(silo).CreateUserAsync(NewUsers.Named($"outage{i}")));
        }

        // The outage lasts this long; a dead letter at any moment of it fails the test at once.
        await Poll.NeverAsync(
            async () => (await silo.Client.GetGrain<IDeadLetterAdminGrain>(0).ListAsync(10)).Count > 0,
            "a job dead-lettered during the outage",
            TimeSpan.FromSeconds(8));
        var triedDuringOutage = sender.TotalTries;
        sender.Down = false;

        await Poll.UntilAsync(() => users.All(user => sender.SentTo(user.Id).Count > 0), "every mail is sent");
        await Poll.UntilAsync(async () => await silo.CountAsync("stream_messages") == 0, "the queue is empty");
        await Poll.NeverAsync(() => users.Any(user => sender.SentTo(user.Id).Count > 1), "a second mail to one user", ShopSilo.DuplicateWatch);

        Assert.Empty(await silo.Client.GetGrain<IDeadLetterAdminGrain>(0).ListAsync(10));
        // The breaker kept the outage from being a retry storm: a probe a second, not a try per poll.
        Assert.InRange(triedDuringOutage, users.Count, 40);
    }

    [Fact]
    public async Task A_welcome_delay_longer_than_a_delivery_may_hold_is_waited_out_in_the_queue_and_the_mail_goes_out_once()
    {
        var sender = new ScriptedEmailSender();
        await using var silo = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(new Dictionary<string, string?>
        {
            ["Email:WelcomeDelay"] = "00:00:03",
            ["Email:HoldLimit"] = "00:00:00.500",
        }), sender);

        var user = await Directory(silo).CreateUserAsync(NewUsers.Named("later"));
        await Poll.UntilAsync(() => sender.SentTo(user.Id).Count > 0, "the mail is sent");
        await Poll.NeverAsync(() => sender.TriesOf(user.Id).Count > 1, "a second try", ShopSilo.DuplicateWatch);

        var tried = Assert.Single(sender.TriesOf(user.Id));
        Assert.True(tried >= user.CreatedAt + TimeSpan.FromSeconds(3), $"sent {tried - user.CreatedAt} after sign-up");
    }

    [Fact]
    public async Task A_sign_up_refused_before_it_is_stored_publishes_nothing()
    {
        var sender = new ScriptedEmailSender();
        await using var silo = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(), sender);
        var first = await Directory(silo).CreateUserAsync(NewUsers.Named("first"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => Directory(silo).CreateUserAsync(NewUsers.Named("dup") with { Email = first.Email }));
        Assert.Equal(DomainErrorCode.EmailTaken, refused.Code);
        await Poll.UntilAsync(() => sender.SentTo(first.Id).Count > 0, "the first user's mail is sent");
        await Poll.UntilAsync(async () => await silo.CountAsync("stream_messages") == 0, "the queue is empty");
        await Poll.NeverAsync(() => sender.Sent.Count > 1, "a mail for the refused sign-up or a second one", ShopSilo.DuplicateWatch);
    }

    [Fact]
    public async Task A_welcome_mail_still_pending_when_its_silo_stops_goes_out_once_from_the_next_silo()
    {
        var first = new ScriptedEmailSender();
        UserView user;
        string database;
        await using (var silo = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(new Dictionary<string, string?> { ["Email:WelcomeDelay"] = "00:01:00" }), first))
        {
            user = await Directory(silo).CreateUserAsync(NewUsers.Named("handover"));
            database = silo.Database;
        }

        // The next silo reads what the first one stored, stream subscriptions and producers included.
        var next = new ScriptedEmailSender();
        await using var restarted = await ShopSilo.StartAsync(server, EmailJobSettings.Fast(), next, database);
        await Poll.UntilAsync(() => next.SentTo(user.Id).Count > 0, "the next silo sends the mail");
        await Poll.UntilAsync(async () => await restarted.CountAsync("stream_messages") == 0, "the queue is empty");
        await Poll.NeverAsync(() => next.SentTo(user.Id).Count > 1, "a second welcome mail", ShopSilo.DuplicateWatch);

        Assert.Empty(first.Sent);
    }

    private static IUserDirectoryGrain Directory(ShopSilo silo) => silo.Client.GetGrain<IUserDirectoryGrain>(0);
}
