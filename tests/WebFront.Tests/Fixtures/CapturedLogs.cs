using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>Every log line a host wrote (from Debug up), rendered as it would be, with its structured values.</summary>
public sealed class CapturedLogs
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Add(string line) => _lines.Enqueue(line);
}

/// <summary>Sends each host's log lines to its <see cref="CapturedLogs"/>.</summary>
public sealed class CapturingLoggerProvider(CapturedLogs logs) : ILoggerProvider
{
    public const LogLevel Level = LogLevel.Debug;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Level;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            logs.Add($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
