using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shop.Operators.Tests.Prometheus;

/// <summary>
/// The metric names a PromQL expression reads: what is left once strings, label matchers, ranges, grouping clauses,
/// Grafana variables, functions, keywords and numbers are taken out. Enough for the expressions an operator writes
/// against our series; not a PromQL parser.
/// </summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords =
        ["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"];

    public static IEnumerable<string> MetricNames(string expression)
    {
        var bare = Grouping().Replace(Matchers().Replace(Strings().Replace(expression, " "), " "), " ");
        bare = Variables().Replace(bare, " ");
        return Identifiers().Matches(bare)
            .Where(match => !match.Groups["call"].Success && !Keywords.Contains(match.Groups["name"].Value))
            .Select(match => match.Groups["name"].Value);
    }

    /// <summary>Every <c>expr:</c> of a Prometheus rules file, inline or a <c>|</c> block.</summary>
    public static IEnumerable<string> RuleExpressions(string rulesYaml)
    {
        var lines = rulesYaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExprKey().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var inline = match.Groups["inline"].Value.Trim();
            if (inline != "|" && inline != ">")
            {
                yield return inline;
                continue;
            }

            var indent = match.Groups["indent"].Value.Length;
            var block = new List<string>();
            while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent))
            {
                block.Add(lines[++i]);
            }

            yield return string.Join('\n', block);
        }
    }

    /// <summary>Every <c>expr</c> of every target of a Grafana dashboard's panels, nested rows included.</summary>
    public static IEnumerable<string> DashboardExpressions(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property =>
            property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String
                ? [property.Value.GetString()!]
                : DashboardExpressions(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(DashboardExpressions),
        _ => [],
    };

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex Variables();

    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"^(?<indent>\s*)(?:-\s+)?expr:\s*(?<inline>.*)$")]
    private static partial Regex ExprKey();
}
