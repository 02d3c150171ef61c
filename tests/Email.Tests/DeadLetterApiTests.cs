using System.Globalization;
using System.Net;
using System.Text.Json;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;

namespace Shop.Email.Tests;

/// <summary>
/// /api/admin/dead-letters over HTTP on the silo that serves the API, with dead letters the PostgreSQL queue really
/// made: a welcome mail whose sender failed on every attempt.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeadLetterApiTests(PostgresServer server)
{
    private const string DeadLetters = "/api/admin/dead-letters";

    [Fact]
    public async Task An_operator_lists_a_dead_letter_with_its_fields_and_re_driving_it_sends_the_mail_once()
    {
        var sender = new ScriptedEmailSender();
        await using var silo = await StartAsync(sender);
        using var api = await OperatorHttp.BearerAsync(silo);
        var user = await SignUpFailingAsync(silo, sender, "listed");

        var letter = Assert.Single(await WaitForDeadLettersAsync(api, user, 1));

        Assert.Equal(
            ["id", "stream_namespace", "stream_key", "attempts", "last_error", "enqueued_at", "dead_lettered_at"],
            letter.EnumerateObject().Select(property => property.Name));
        Assert.Equal(ShopStreams.Users, letter.GetProperty("stream_namespace").GetString());
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        // The queue learns only that a delivery failed, not why (Orleans hands its failure handler no exception): the
        // sender's own error is in the silo's log, not here.
        var lastError = letter.GetProperty("last_error").GetString();
        Assert.Contains($"of stream {ShopStreams.Users}/{user.Id}", lastError, StringComparison.Ordinal);
        Assert.EndsWith("failed on attempt 3", lastError, StringComparison.Ordinal);
        var enqueuedAt = letter.GetProperty("enqueued_at").GetDateTimeOffset();
        var deadLetteredAt = letter.GetProperty("dead_lettered_at").GetDateTimeOffset();
        // Three attempts a backoff apart, then doubled: the letter cannot be younger than the first try plus both waits.
        Assert.True(deadLetteredAt - enqueuedAt >= 3 * EmailJobSettings.Backoff, $"enqueued {enqueuedAt:O}, dead-lettered {deadLetteredAt:O}");
        Assert.Empty(sender.SentTo(user.Id));

        sender.FailFirst(user.Email, 0);
        using var redrive = await api.PostAsync(RedriveOf(letter), null);
        Assert.Equal(HttpStatusCode.NoContent, redrive.StatusCode);
        await Poll.UntilAsync(() => sender.SentTo(user.Id).Count > 0, "the re-driven mail is sent");
        await Poll.NeverAsync(() => sender.SentTo(user.Id).Count > 1, "a second welcome mail", ShopSilo.DuplicateWatch);

        Assert.Empty(await ListAsync(api, user));
        using var again = await api.PostAsync(RedriveOf(letter), null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Re_driving_a_dead_letter_whose_mail_already_went_out_sends_nothing()
    {
        var sender = new ScriptedEmailSender();
        await using var silo = await StartAsync(sender);
        using var api = await OperatorHttp.BearerAsync(silo);
        var user = await SignUpFailingAsync(silo, sender, "twice");
        // The event again, as an at-least-once publisher may repeat it: a second job for the same mail, dead-lettered too.
        await silo.Client.GetStreamProvider(ShopStreams.Provider)
            .GetStream<UserCreated>(StreamId.Create(ShopStreams.Users, user.Id))
            .OnNextAsync(new UserCreated { UserId = user.Id, Email = user.Email, Name = user.Name, CreatedAt = user.CreatedAt });
        var letters = await WaitForDeadLettersAsync(api, user, 2);
        sender.FailFirst(user.Email, 0);
        using (var first = await api.PostAsync(RedriveOf(letters[0]), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        await Poll.UntilAsync(() => sender.SentTo(user.Id).Count > 0, "the first re-driven job sends the mail");
        var triesBefore = sender.TriesOf(user.Id).Count;

        using var all = await api.PostAsync(new Uri($"{DeadLetters}/redrive", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        using var body = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("redriven").GetInt32());
        await Poll.UntilAsync(async () => await silo.CountAsync("stream_messages") == 0, "the re-driven job has run");
        await Poll.NeverAsync(() => sender.TriesOf(user.Id).Count > triesBefore, "the sender called again for a mail that went out", ShopSilo.DuplicateWatch);

        Assert.Single(sender.SentTo(user.Id));
        Assert.Empty(await ListAsync(api, user));
    }

    [Fact]
    public async Task The_redrive_routes_refuse_the_operators_Basic_credentials_and_keep_the_dead_letter()
    {
        var sender = new ScriptedEmailSender();
        await using var silo = await StartAsync(sender);
        using var api = await OperatorHttp.BearerAsync(silo);
        using var basic = OperatorHttp.Basic(silo);
        var user = await SignUpFailingAsync(silo, sender, "basic");
        var letter = Assert.Single(await WaitForDeadLettersAsync(api, user, 1));
        // Mended first: a re-drive let through would send the mail, not only move the letter.
        sender.FailFirst(user.Email, 0);

        using var listed = await basic.GetAsync(new Uri(DeadLetters, UriKind.Relative));
        using var one = await basic.PostAsync(RedriveOf(letter), null);
        using var all = await basic.PostAsync(new Uri($"{DeadLetters}/redrive", UriKind.Relative), null);

        // Basic opens the list (operator tools, e.g. from the dashboard's browser session) but never a change.
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, one.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, all.StatusCode);
        Assert.Equal(letter.GetProperty("id").GetGuid(), Assert.Single(await ListAsync(api, user)).GetProperty("id").GetGuid());
        Assert.Empty(sender.SentTo(user.Id));
    }

    private Task<ShopSilo> StartAsync(ScriptedEmailSender sender) =>
        ShopSilo.StartAsync(server, EmailJobSettings.Fast(OperatorHttp.Settings), sender);

    /// <summary>Signs a user up whose welcome mail fails on every attempt, so that its job ends as a dead letter.</summary>
    private static async Task<UserView> SignUpFailingAsync(ShopSilo silo, ScriptedEmailSender sender, string prefix)
    {
        var command = NewUsers.Named(prefix);
        sender.FailFirst(command.Email, int.MaxValue);
        return await silo.Client.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(command);
    }

    private static async Task<List<JsonElement>> WaitForDeadLettersAsync(HttpClient api, UserView user, int count)
    {
        List<JsonElement> letters = [];
        await Poll.UntilAsync(async () => (letters = await ListAsync(api, user)).Count >= count, $"{count} dead letter(s) are listed");
        Assert.Equal(count, letters.Count);
        return letters;
    }

    /// <summary>GET the list (as the endpoint answers it), keeping the dead letters of <paramref name="user"/>'s welcome mail.</summary>
    private static async Task<List<JsonElement>> ListAsync(HttpClient api, UserView user)
    {
        using var response = await api.GetAsync(new Uri($"{DeadLetters}?limit=500", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {DeadLetters}: {(int)response.StatusCode} {text}");
        using var body = JsonDocument.Parse(text);
        var key = user.Id.ToString(CultureInfo.InvariantCulture);
        return [.. body.RootElement.GetProperty("items").EnumerateArray()
            .Where(letter => letter.GetProperty("stream_key").GetString() == key)
            .Select(letter => letter.Clone())];
    }

    private static Uri RedriveOf(JsonElement letter) =>
        new($"{DeadLetters}/{letter.GetProperty("id").GetGuid()}/redrive", UriKind.Relative);
}
