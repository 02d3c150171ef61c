using System.Diagnostics;

namespace Shop.TestSupport;

/// <summary>
/// Runs the PostgreSQL programs. initdb and postgres refuse to run as root, so when the tests run as root the
/// programs run as the <c>postgres</c> OS user through runuser.
/// </summary>
internal static class ServerProcess
{
    public const string ServiceUser = "postgres";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static bool RunningAsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public static Task RunAsServiceUserAsync(string program, string workingDirectory, params string[] arguments) =>
        RunAsServiceUserAsync(program, workingDirectory, logFile: null, arguments);

    public static async Task RunAsServiceUserAsync(
        string program, string workingDirectory, string? logFile, params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        if (RunningAsRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", ServiceUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        await RunAsync(start, logFile);
    }

    public static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        await RunAsync(start, logFile: null);
    }

    private static async Task RunAsync(ProcessStartInfo start, string? logFile)
    {
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"{Describe(start)} did not finish within {Timeout.TotalSeconds} s.{ReadLog(logFile)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Describe(start)} failed with exit code {process.ExitCode}.\n{await output}\n{await error}" +
                ReadLog(logFile));
        }
    }

    private static string Describe(ProcessStartInfo start) =>
        string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList));

    private static string ReadLog(string? logFile) =>
        logFile is not null && File.Exists(logFile) ? $"\nServer log:\n{File.ReadAllText(logFile)}" : string.Empty;
}
