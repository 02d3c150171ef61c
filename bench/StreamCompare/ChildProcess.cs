using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Shop.Bench.StreamCompare;

/// <summary>A <see cref="ChildSilo"/> in a process of its own; its stdout lines are read as they come.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    private ChildProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                lines.Writer.TryWrite(data);
            }
        };
        process.BeginOutputReadLine();
    }

    public static ChildProcess Start(ProviderKind kind, string connectionString, int events, int streams, string ackFile, string logFile)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "silo", kind.ToString(), connectionString, "11151", "30051",
                     events.ToString(CultureInfo.InvariantCulture), streams.ToString(CultureInfo.InvariantCulture), ackFile })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The child silo did not start.");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                lock (log)
                {
                    log.WriteLine(data);
                }
            }
        };
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    /// <returns>The first line that starts with <paramref name="prefix"/>; lines before it are skipped.</returns>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await lines.Reader.ReadAsync(cancellation.Token);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code of the silo or the provider runs.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host stops gracefully (the pulling agents shut down, leases are handed back).</summary>
    public async Task StopAsync()
    {
        using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await term.WaitForExitAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cancellation.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }
}
