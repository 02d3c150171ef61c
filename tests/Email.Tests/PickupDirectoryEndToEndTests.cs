using System.Globalization;
using System.Text.RegularExpressions;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;

namespace Shop.Email.Tests;

/// <summary>The silo as configured by default for mail (the pickup folder), end to end on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PickupDirectoryEndToEndTests(PostgresServer server) : IDisposable
{
    private readonly DirectoryInfo pickup = System.IO.Directory.CreateTempSubdirectory("shop-mail-");

    [Fact]
    public async Task Fifty_new_users_get_exactly_one_welcome_email_file_each_and_a_failed_sign_up_gets_none()
    {
        await using var silo = await ShopSilo.StartAsync(server, new Dictionary<string, string?>
        {
            ["Email:PickupDirectory"] = pickup.FullName,
            ["Email:WelcomeDelay"] = "00:00:00.500",
        });
        var directory = silo.Client.GetGrain<IUserDirectoryGrain>(0);

        var users = new List<UserView>();
        foreach (var batch in Enumerable.Range(0, 50).Chunk(10))
        {
            users.AddRange(await Task.WhenAll(batch.Select(n => directory.CreateUserAsync(new CreateUser
            {
                Email = $"user{n}-{Guid.NewGuid():N}@example.com",
                Password = "correct horse",
                Name = $"User {n}",
            }))));
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => directory.CreateUserAsync(
            new CreateUser { Email = users[0].Email.ToUpperInvariant(), Password = "correct horse" }));
        Assert.Equal(DomainErrorCode.EmailTaken, refused.Code);

        await Poll.UntilAsync(() => MailFiles().Count >= users.Count, "every user has a welcome mail");
        await Poll.NeverAsync(() => MailFiles().Count > users.Count, "a mail file more than there are users", ShopSilo.DuplicateWatch);

        var files = MailFiles();
        Assert.Equal(users.Count, files.Count);
        var byUser = files.GroupBy(file => UserIdOf(file.Name)).ToDictionary(group => group.Key, group => group.ToList());
        Assert.All(users, user =>
        {
            var file = Assert.Single(byUser[user.Id]);
            var text = File.ReadAllText(file.FullName);
            Assert.Contains(user.Email, text, StringComparison.Ordinal);
            Assert.Contains("Subject: Welcome to the shop", text, StringComparison.Ordinal);
            Assert.DoesNotContain("correct horse", text, StringComparison.Ordinal);
        });
        Assert.Empty(pickup.GetFiles(".*"));
    }

    public void Dispose() => pickup.Delete(recursive: true);

    private List<FileInfo> MailFiles() => [.. pickup.GetFiles("*.eml")];

    private static long UserIdOf(string fileName)
    {
        var match = WelcomeFile().Match(fileName);
        Assert.True(match.Success, $"unexpected file {fileName}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^welcome-(\d+)-")]
    private static partial Regex WelcomeFile();
}
