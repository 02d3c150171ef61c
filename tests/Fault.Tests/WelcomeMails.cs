using Xunit.Abstractions;

namespace Shop.Fault.Tests;

/// <summary>Reads the pickup directory the silos write welcome e-mails into (one .eml file per message).</summary>
internal static class WelcomeMails
{
    public static async Task AssertExactlyOneEachAsync(string directory, IEnumerable<string> emails, ITestOutputHelper output)
    {
        var expected = emails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        Dictionary<string, int> counts;
        do
        {
            counts = Count(directory, expected);
            if (expected.All(e => counts.GetValueOrDefault(e) >= 1))
            {
                break;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        var missing = expected.Count(e => counts.GetValueOrDefault(e) == 0);
        var doubled = counts.Count(c => c.Value > 1);
        output.WriteLine($"welcome_mails_expected={expected.Count} missing={missing} doubled={doubled}");
        Assert.Equal(0, missing);
        Assert.Equal(0, doubled);
    }

    private static Dictionary<string, int> Count(string directory, HashSet<string> expected)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(directory, "*.eml"))
        {
            var text = File.ReadAllText(file);
            var to = text.Split('\n').FirstOrDefault(l => l.StartsWith("To:", StringComparison.OrdinalIgnoreCase));
            var address = expected.FirstOrDefault(e => to?.Contains(e, StringComparison.OrdinalIgnoreCase) == true);
            if (address is not null && text.Contains("welcome", StringComparison.OrdinalIgnoreCase))
            {
                counts[address] = counts.GetValueOrDefault(address) + 1;
            }
        }

        return counts;
    }
}
