using System.Globalization;
using System.Text;

namespace Shop.Operators.Tests.Prometheus;

/// <summary>
/// A parser for the Prometheus text exposition format (0.0.4, and the OpenMetrics text OpenTelemetry also speaks):
/// <c># TYPE</c>/<c># HELP</c> lines and samples <c>name{label="value",...} value [timestamp]</c>, with the format's
/// escapes in label values. Anything it cannot read is an error, so a malformed exposition fails the test.
/// </summary>
public sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<MetricSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<MetricSample> Samples { get; }

    /// <summary>Metric family name → counter, gauge, histogram, summary...</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IEnumerable<MetricSample> Series(string name) => Samples.Where(sample => sample.Name == name);

    public static PrometheusText Parse(string text)
    {
        var samples = new List<MetricSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line == "# EOF")
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 4 && parts[1] == "TYPE")
                {
                    types[parts[2]] = parts[3];
                }

                continue;
            }

            samples.Add(ParseSample(line, lineNumber));
        }

        return new PrometheusText(samples, types);
    }

    private static MetricSample ParseSample(string line, int lineNumber)
    {
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' '))
        {
            position++;
        }

        var name = line[..position];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
        {
            throw new FormatException($"line {lineNumber}: bad metric name in '{line}'");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position = ParseLabels(line, position + 1, labels, lineNumber);
        }

        var rest = line[position..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException($"line {lineNumber}: expected a value (and maybe a timestamp) in '{line}'");
        }

        return new MetricSample(name, labels, ParseValue(rest[0], lineNumber));
    }

    private static int ParseLabels(string line, int position, Dictionary<string, string> labels, int lineNumber)
    {
        while (true)
        {
            if (position >= line.Length)
            {
                throw new FormatException($"line {lineNumber}: unterminated label set");
            }

            if (line[position] == '}')
            {
                return position + 1;
            }

            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw new FormatException($"line {lineNumber}: expected name=\"value\" at column {position}");
            }

            var labelName = line[position..equals];
            var value = new StringBuilder();
            position = equals + 2;
            while (true)
            {
                if (position >= line.Length)
                {
                    throw new FormatException($"line {lineNumber}: unterminated label value");
                }

                var c = line[position++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && position < line.Length)
                {
                    var escaped = line[position++];
                    value.Append(escaped switch
                    {
                        'n' => '\n',
                        '\\' => '\\',
                        '"' => '"',
                        _ => throw new FormatException($"line {lineNumber}: unknown escape \\{escaped}"),
                    });
                }
                else
                {
                    value.Append(c);
                }
            }

            labels.Add(labelName, value.ToString());
            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
        }
    }

    /// <summary>A sample value or an <c>le</c> bound: a float, <c>+Inf</c>, <c>-Inf</c> or <c>NaN</c>.</summary>
    public static double ParseNumber(string text) => ParseValue(text, 0);

    private static double ParseValue(string text, int lineNumber) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new FormatException($"line {lineNumber}: '{text}' is not a number"),
    };
}
