using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// Records every statement Npgsql sends (its "Npgsql" activity source) that belongs to one trace, so a test can count
/// the database work of one request while the silo's background polling goes on beside it. The silo must propagate
/// traces through grain calls (it does when an OTLP endpoint is configured).
/// </summary>
internal sealed partial class StatementRecorder : IDisposable
{
    public static readonly ActivitySource Source = new("Shop.Integration.Tests.WritePath");

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _statements = new();

    public StatementRecorder()
    {
        _listener = new ActivityListener
        {
            // Every source: Orleans' own must be sampled too, or no trace context travels with a grain call.
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql")
                {
                    _statements.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>What the database did for the trace of <paramref name="root"/>.</summary>
    public DatabaseWork WorkOf(Activity root)
    {
        var mine = _statements.Where(statement => statement.TraceId == root.TraceId).OrderBy(s => s.StartTimeUtc).ToList();
        var texts = mine.Select(Text).ToList();
        return new DatabaseWork(
            RoundTrips: mine.Count,
            SequentialRoundTrips: LongestChain(mine),
            Statements: texts.Sum(text => StatementSeparator().Split(text).Count(s => !string.IsNullOrWhiteSpace(s))),
            WriteCommits: texts.Count(text => WritePattern().IsMatch(text)),
            Texts: texts);
    }

    /// <summary>The text of every statement, of any trace, that started within the window.</summary>
    public IReadOnlyList<string> StartedBetween(DateTime fromUtc, DateTime toUtc) =>
        [.. _statements.Where(statement => statement.StartTimeUtc >= fromUtc && statement.StartTimeUtc < toUtc).Select(Text)];

    public void Dispose() => _listener.Dispose();

    private static string Text(Activity statement) =>
        statement.GetTagItem("db.query.text") as string ?? statement.GetTagItem("db.statement") as string ?? statement.DisplayName;

    /// <summary>The most statements that ran one after the other: what a caller waits for at least.</summary>
    private static int LongestChain(List<Activity> statements)
    {
        var chain = 0;
        var freeAt = DateTime.MinValue;
        foreach (var statement in statements.OrderBy(s => s.StartTimeUtc + s.Duration))
        {
            if (statement.StartTimeUtc >= freeAt)
            {
                chain++;
                freeAt = statement.StartTimeUtc + statement.Duration;
            }
        }

        return chain;
    }

    // A round trip is one implicit transaction unless it is wrapped in BEGIN/COMMIT; it commits a write when it
    // changes a row, directly or through the grain storage's write and clear functions.
    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE)\b|_write\(|_clear\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WritePattern();

    [GeneratedRegex(@";\s*(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex StatementSeparator();
}

/// <summary>The database cost of one traced request.</summary>
internal sealed record DatabaseWork(int RoundTrips, int SequentialRoundTrips, int Statements, int WriteCommits, IReadOnlyList<string> Texts)
{
    public override string ToString() =>
        $"{RoundTrips} round trips ({SequentialRoundTrips} sequential), {Statements} statements, {WriteCommits} write commits:\n  "
        + string.Join("\n  ", Texts.Select(text => text.ReplaceLineEndings(" ")));
}
