using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Shop.Bench.GrainClient;

/// <summary>
/// Welcome e-mail latency: waits until every listed user has a message in the pickup directory (or the timeout), then
/// measures each message's file time minus its user's creation time minus the configured delay.
/// </summary>
public static partial class MailLatency
{
    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var users = BenchUser.ReadAll(arguments.Text("in"));
        var directory = arguments.Text("dir");
        var delayMs = arguments.Number("delay-ms");
        var timeout = TimeSpan.FromSeconds(arguments.Number("timeout", 60));
        var byEmail = users.ToDictionary(u => u.Email.ToUpperInvariant(), u => u);
        var byId = users.ToDictionary(u => u.Id.ToString(CultureInfo.InvariantCulture), u => u.Email.ToUpperInvariant());

        var clock = Stopwatch.StartNew();
        Dictionary<string, DateTime> sent;
        while (true)
        {
            sent = ReadMessages(directory, byEmail, byId);
            if (sent.Count >= users.Count || clock.Elapsed > timeout)
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        var beyond = new Latencies();
        foreach (var (email, at) in sent)
        {
            var created = DateTimeOffset.FromUnixTimeMilliseconds(byEmail[email].CreatedAtUnixMs).UtcDateTime;
            var ms = (at - created).TotalMilliseconds - delayMs;
            beyond.Add((long)(Math.Max(ms, 0) * Stopwatch.Frequency / 1000));
        }

        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.eml").Length : 0;
        Result.Print(
            ("expected", users.Count), ("received", sent.Count), ("missing", users.Count - sent.Count), ("files", files),
            ("beyond_delay_p50_ms", Latencies.Ms(beyond.PercentileMs(50))), ("beyond_delay_p99_ms", Latencies.Ms(beyond.PercentileMs(99))),
            ("beyond_delay_max_ms", Latencies.Ms(beyond.PercentileMs(100))),
            ("waited_s", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
        return sent.Count == users.Count ? 0 : 1;
    }

    /// <returns>For each listed user with a message: the earliest message's last-write time (UTC).</returns>
    private static Dictionary<string, DateTime> ReadMessages(
        string directory, Dictionary<string, BenchUser> byEmail, Dictionary<string, string> byId)
    {
        var sent = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return sent;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.eml"))
        {
            var email = SenderScheme(file) is { } named
                ? (named.Kind == "welcome" && byId.TryGetValue(named.Key, out var welcomed) ? welcomed : null)
                : Recipient(file);
            if (email is null || !byEmail.ContainsKey(email))
            {
                continue;
            }

            var at = File.GetLastWriteTimeUtc(file);
            if (!sent.TryGetValue(email, out var earlier) || at < earlier)
            {
                sent[email] = at;
            }
        }

        return sent;
    }

    /// <summary>The pickup sender names files "{kind}-{key}-{time}-{random}.eml" (welcome mails: key = user id).</summary>
    private static (string Kind, string Key)? SenderScheme(string file)
    {
        var match = SenderFileName().Match(Path.GetFileName(file));
        return match.Success ? (match.Groups["kind"].Value, match.Groups["key"].Value) : null;
    }

    [GeneratedRegex(@"^(?<kind>[a-z]+(?:-[a-z]+)*)-(?<key>\d+)-\d{8}T")]
    private static partial Regex SenderFileName();

    /// <summary>The address in the message's To: header (header lines end at the first empty line).</summary>
    private static string? Recipient(string file)
    {
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("To:", StringComparison.OrdinalIgnoreCase))
            {
                var value = line[3..].Trim();
                var open = value.LastIndexOf('<');
                var address = open >= 0 ? value[(open + 1)..].TrimEnd('>') : value;
                return address.Trim().ToUpperInvariant();
            }
        }

        return null;
    }
}
