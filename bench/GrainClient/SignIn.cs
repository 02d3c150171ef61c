using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Bench.GrainClient;

/// <summary>
/// Signs users in through WebFront's POST /api/auth/token, as real clients do, and writes "id TAB access-token" lines
/// for the wrk scripts (each user may only touch itself, so a rotating write needs every user's own token).
/// </summary>
public static class SignIn
{
    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var users = BenchUser.ReadAll(arguments.Text("in"), arguments.Number("count", int.MaxValue));
        var password = arguments.Text("password");
        var concurrency = arguments.Number("concurrency", 32);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(arguments.Text("base")), Timeout = TimeSpan.FromSeconds(60) };

        var tokens = new ConcurrentDictionary<long, string>();
        var failures = 0;
        string? firstError = null;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users.Count && !cancellationToken.IsCancellationRequested)
            {
                var user = users[i];
                using var response = await http.PostAsJsonAsync("/api/auth/token", new { email = user.Email, password }, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode && AccessToken(body) is { } token)
                {
                    tokens[user.Id] = token;
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode}: {body}", null);
                }
            }
        }));
        clock.Stop();

        await File.WriteAllLinesAsync(
            arguments.Text("out"),
            users.Where(u => tokens.ContainsKey(u.Id)).Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Id}\t{tokens[u.Id]}")),
            cancellationToken);
        Result.Print(
            ("signed_in", tokens.Count), ("failed", failures), ("seconds", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
            ("per_second", Result.Rate(tokens.Count, clock.Elapsed)));
        if (firstError is not null)
        {
            Console.Error.WriteLine($"first failure: {firstError}");
        }

        return failures == 0 ? 0 : 1;
    }

    private static string? AccessToken(string body)
    {
        using var json = JsonDocument.Parse(body);
        foreach (var name in (string[])["access_token", "accessToken"])
        {
            if (json.RootElement.TryGetProperty(name, out var value))
            {
                return value.GetString();
            }
        }

        return null;
    }
}
