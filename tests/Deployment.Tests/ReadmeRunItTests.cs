using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shop.TestSupport;

namespace Shop.Deployment.Tests;

/// <summary>
/// The commands of README's "Run it" section, taken from README.md as checked in and run with bash against the system
/// <c>./run.sh</c> starts: a change to the README is what is tested, not a copy of it.
/// </summary>
public sealed partial class ReadmeRunItTests(RunScript system) : IClassFixture<RunScript>
{
    private readonly ReadmeSection _runIt = ReadmeSection.Load("Run it");

    [Fact]
    public async Task The_sign_up_sign_in_and_profile_commands_work_against_run_sh()
    {
        var commands = _runIt.Commands("curl");
        Assert.True(commands.Count == 3, $"expected sign-up, sign-in and profile, found:\n{string.Join("\n", commands)}");
        var email = EmailIn().Match(commands[0]).Groups[1].Value;

        var steps = await RunAsync(commands, system);

        var signUp = steps[0];
        Assert.Equal(HttpStatusCode.Created, signUp.Status);
        Assert.Matches(@"^/api/users/\d+$", signUp.Header("location"));
        Assert.Equal(email, signUp.Json().GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, steps[1].Status);
        var me = steps[2];
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(email, me.Json().GetProperty("email").GetString());
        Assert.Equal(signUp.Json().GetProperty("id").GetInt64(), me.Json().GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task The_docs_and_the_openapi_document_are_where_the_readme_points()
    {
        var docs = Local(_runIt.CodeAfter("The interactive API reference is at"));
        var openApi = _runIt.CodeAfter("the OpenAPI document at");
        using var http = new HttpClient { BaseAddress = system.Url };

        using var page = await http.GetAsync(new Uri(docs, UriKind.Relative));
        using var document = await http.GetAsync(new Uri(openApi, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the commands in one bash, as a reader pastes them (so <c>token=...</c> carries over), each with its output in
    /// a file and curl's response headers in another. Only the URL is changed: run.sh's default for the test's free port.
    /// </summary>
    private static async Task<Step[]> RunAsync(IReadOnlyList<string> commands, RunScript system)
    {
        var readmeUrl = RunShDefaultUrl();
        var folder = Directory.CreateTempSubdirectory("readme-").FullName;
        try
        {
            var script = $"set -o pipefail\ncurl() {{ command curl -D \"{folder}/$step.headers\" \"$@\"; }}\n" + string.Concat(commands.Select((command, i) =>
            {
                Assert.Contains(readmeUrl, command, StringComparison.Ordinal);
                var local = command.Replace(readmeUrl, system.Url.ToString().TrimEnd('/'), StringComparison.Ordinal);
                return $"step={i}\n{{\n{local}\n}} >\"{folder}/{i}.out\" || {{ echo \"command {i + 1} failed with $?\" >&2; exit 1; }}\n";
            }));
            var (exitCode, output) = await BashAsync(script);
            Assert.True(exitCode == 0, $"{output}\n{script}");
            return [.. commands.Select((_, i) => Step.Read(Path.Combine(folder, $"{i}.headers"), Path.Combine(folder, $"{i}.out")))];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The URL run.sh serves on by default, which is the one the README's commands use.</summary>
    private static string RunShDefaultUrl()
    {
        var match = DefaultUrl().Match(File.ReadAllText(Path.Combine(BuiltApp.RepositoryRoot, "run.sh")));
        Assert.True(match.Success, "run.sh no longer defaults SHOP_WEB_URL");
        return match.Groups[1].Value;
    }

    private static string Local(string url) => url.StartsWith(RunShDefaultUrl(), StringComparison.Ordinal) ? url[RunShDefaultUrl().Length..] : url;

    private static async Task<(int ExitCode, string Output)> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(script);
        bash.StandardInput.Close();
        var errors = await bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bash.WaitForExitAsync(timeout.Token);
        return (bash.ExitCode, errors);
    }

    [GeneratedRegex("\"email\":\"([^\"]+)\"")]
    private static partial Regex EmailIn();

    [GeneratedRegex(@"SHOP_WEB_URL:-([^}]+)\}")]
    private static partial Regex DefaultUrl();

    /// <summary>What one command got: the status and headers curl wrote with <c>-D</c>, and what it printed.</summary>
    private sealed record Step(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Output)
    {
        public static Step Read(string headersFile, string outputFile)
        {
            Assert.True(File.Exists(headersFile), $"{headersFile}: the command made no curl request");
            // The last response's block: curl writes an interim 100 Continue first when there is one.
            var lines = File.ReadAllLines(headersFile);
            var statusLine = Array.FindLastIndex(lines, l => l.StartsWith("HTTP/", StringComparison.Ordinal));
            var status = (HttpStatusCode)int.Parse(lines[statusLine].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(statusLine + 1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.Ordinal);
            return new Step(status, headers, File.ReadAllText(outputFile));
        }

        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"no {name} header");

        public JsonElement Json() => JsonDocument.Parse(Output).RootElement;
    }
}
