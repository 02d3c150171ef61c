namespace Shop.Operators.Tests.Prometheus;

/// <summary>One line of the Prometheus text format: a series name, its labels and its value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";

    public override string ToString() =>
        $"{Name}{{{string.Join(",", Labels.Select(label => $"{label.Key}=\"{label.Value}\""))}}} {Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
