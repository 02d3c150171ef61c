using System.Diagnostics;
using Xunit.Abstractions;

namespace Shop.WebFront.Tests.Contract;

/// <summary>
/// The served document (its checked-in copy, which <see cref="OpenApiSnapshotTests"/> keeps equal) passes Spectral's
/// <c>spectral:oas</c> and Redocly's <c>recommended</c> rules with no errors. Both run from npm through <c>npx</c>, at
/// pinned versions.
/// </summary>
public sealed class OpenApiLintTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Spectral_oas_rules_find_no_errors()
    {
        var ruleset = Path.Combine(Path.GetTempPath(), $"spectral-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(ruleset, "extends: [\"spectral:oas\"]\n");
        try
        {
            var (exitCode, text) = await NpxAsync("@stoplight/spectral-cli@6.16.3", "lint", OpenApiSnapshotTests.DocumentPath, "--ruleset", ruleset, "--fail-severity", "error", "-f", "text");

            Assert.True(exitCode == 0, text);
        }
        finally
        {
            File.Delete(ruleset);
        }
    }

    [Fact]
    public async Task Redocly_recommended_rules_find_no_errors()
    {
        var (exitCode, text) = await NpxAsync("@redocly/cli@2.77.0", "lint", OpenApiSnapshotTests.DocumentPath, "--extends", "recommended", "--format", "stylish");

        Assert.True(exitCode == 0, text);
    }

    private async Task<(int ExitCode, string Output)> NpxAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("npx") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--yes");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        output.WriteLine(text);
        return (process.ExitCode, text);
    }
}
