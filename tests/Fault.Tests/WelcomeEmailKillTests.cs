using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Shop.Grains.Interfaces.Users;
using Xunit.Abstractions;

namespace Shop.Fault.Tests;

/// <summary>
/// Welcome mails pending in the durable queue survive a SIGKILL of the silo that held them: a new silo sends each
/// exactly once.
/// </summary>
public sealed partial class WelcomeEmailKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Users = 20;
    private static readonly TimeSpan WelcomeDelay = TimeSpan.FromSeconds(8);
    private readonly DirectoryInfo pickup = Directory.CreateTempSubdirectory("shop-fault-mail-");

    [Fact]
    public async Task Killing_the_silo_while_welcome_emails_are_pending_loses_none_and_doubles_none()
    {
        var settings = new Dictionary<string, string>
        {
            // Shared by the killed silo and its successor, like a mail server both would talk to.
            ["Email__PickupDirectory"] = pickup.FullName,
            ["Email__WelcomeDelay"] = WelcomeDelay.ToString("c", CultureInfo.InvariantCulture),
            // Leases of a killed silo run out after this; production keeps the longer default.
            ["Streams__Jobs__LeaseDuration"] = "00:00:03",
        };
        await using var cluster = await ProcessCluster.StartAsync(silos: 1, settings);
        var directory = cluster.Client.GetGrain<IUserDirectoryGrain>(0);

        var clock = Stopwatch.StartNew();
        var users = new List<UserView>();
        foreach (var batch in Enumerable.Range(0, Users).Chunk(5))
        {
            users.AddRange(await Task.WhenAll(batch.Select(n => directory.CreateUserAsync(new CreateUser
            {
                Email = $"kill{n}-{Guid.NewGuid():N}@example.com",
                Password = "correct horse",
            }))));
        }

        var createdIn = clock.Elapsed;
        cluster.Silos[0].Kill();
        var sentBeforeKill = MailFiles().Count;
        Assert.True(createdIn < WelcomeDelay, $"creating the users took {createdIn}, past the welcome delay: nothing was pending");
        Assert.Equal(0, sentBeforeKill);

        var restart = Stopwatch.StartNew();
        await cluster.StartSiloAsync(settings);
        var deadline = TimeSpan.FromSeconds(90);
        while (MailFiles().Count < Users && restart.Elapsed < deadline)
        {
            await Task.Delay(200);
        }

        var recoveredIn = restart.Elapsed;
        // Anything doubled would be on its way by now: leases are 3 s.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var files = MailFiles();
        output.WriteLine($"users={Users} created_seconds={createdIn.TotalSeconds:F1} files={files.Count} " +
                         $"all_sent_after_restart_seconds={recoveredIn.TotalSeconds:F1}");

        var perUser = files.GroupBy(file => UserIdOf(file.Name)).ToDictionary(group => group.Key, group => group.Count());
        Assert.All(users, user => Assert.Equal(1, perUser.GetValueOrDefault(user.Id)));
        Assert.Equal(Users, files.Count);
    }

    public void Dispose() => pickup.Delete(recursive: true);

    private List<FileInfo> MailFiles() => [.. pickup.GetFiles("welcome-*.eml")];

    private static long UserIdOf(string fileName) =>
        long.Parse(WelcomeFile().Match(fileName).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^welcome-(\d+)-")]
    private static partial Regex WelcomeFile();
}
