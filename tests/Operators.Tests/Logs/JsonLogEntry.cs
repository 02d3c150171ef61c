using System.Text.Json;

namespace Shop.Operators.Tests.Logs;

/// <summary>One line of the console's JSON formatter: category, level, state (the message's fields) and scopes.</summary>
public sealed record JsonLogEntry(string Category, string LogLevel, string Message, JsonElement State, IReadOnlyList<JsonElement> Scopes)
{
    public string Field(string name) =>
        State.ValueKind == JsonValueKind.Object && State.TryGetProperty(name, out var value) ? value.ToString() : "";

    /// <summary>The TraceId of the Activity that was current when the line was written (the host's scope).</summary>
    public string TraceId => ScopeValue(nameof(TraceId));

    /// <summary>The SpanId of the Activity that was current when the line was written.</summary>
    public string SpanId => ScopeValue(nameof(SpanId));

    private string ScopeValue(string name) => Scopes
        .Where(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out _))
        .Select(scope => scope.GetProperty(name).GetString() ?? "")
        .FirstOrDefault() ?? "";

    /// <summary>Every line of <paramref name="logFile"/> that is a JSON log entry; other output is skipped.</summary>
    public static IReadOnlyList<JsonLogEntry> ReadAll(string logFile)
    {
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var entries = new List<JsonLogEntry>();
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith("{\"", StringComparison.Ordinal))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement.Clone();
            entries.Add(new JsonLogEntry(
                root.GetProperty(nameof(Category)).GetString() ?? "",
                root.GetProperty(nameof(LogLevel)).GetString() ?? "",
                root.TryGetProperty(nameof(Message), out var message) ? message.GetString() ?? "" : "",
                root.TryGetProperty(nameof(State), out var state) ? state : default,
                root.TryGetProperty(nameof(Scopes), out var scopes) ? [.. scopes.EnumerateArray()] : []));
        }

        return entries;
    }
}
