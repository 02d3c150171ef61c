using System.Diagnostics;
using System.Globalization;
using System.Text;
using Shop.TestSupport;

namespace Shop.Deployment.Tests;

/// <summary>
/// <c>./run.sh</c> itself as a process: the tests' own build (<c>--no-build</c>, the configuration the tests were built
/// in), and a free port for everything it opens, with a data folder of its own that is deleted afterwards.
/// Started once per test class; stopped with SIGTERM, which its trap handles as it does Ctrl-C (stops the silo and
/// PostgreSQL).
/// </summary>
public sealed class RunScript : IAsyncLifetime, IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Not Directory.CreateTempSubdirectory: its mode 700 would keep out the postgres user that run.sh's PostgreSQL runs
    // as when the tests run as root.
    private readonly string _data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"run-sh-{Guid.NewGuid():N}")).FullName;
    private Process? _process;

    public Uri Url { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Until run.sh says the system is up (after its own wait for <c>/health/live</c>), the way a reader sees it.</summary>
    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = BuiltApp.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("./run.sh");
        start.ArgumentList.Add("--no-build");
        start.Environment["SHOP_CONFIGURATION"] = BuiltApp.Configuration;
        start.Environment["SHOP_DATA_DIR"] = _data;
        start.Environment["SHOP_WEB_URL"] = Url.ToString().TrimEnd('/');
        start.Environment["SHOP_PG_PORT"] = Port();
        start.Environment["SHOP_SILO_PORT"] = Port();
        start.Environment["SHOP_GATEWAY_PORT"] = Port();
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"run.sh exited:\n{Output}{Logs()}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await _ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"run.sh did not get ready within 60 s:\n{Output}{Logs()}");
        }
    }

    public string Logs()
    {
        var logs = Path.Combine(_data, "logs");
        return Directory.Exists(logs)
            ? string.Concat(Directory.GetFiles(logs).Select(f => $"\n--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}"))
            : string.Empty;
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(grace.Token);
        }

        Directory.Delete(_data, recursive: true);
    }

    /// <summary>After <see cref="DisposeAsync"/> has stopped the script (xUnit calls both).</summary>
    public void Dispose() => _process?.Dispose();

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
