using System.Globalization;

namespace Shop.Bench.GrainClient;

/// <summary>The one line bench/run.sh parses: "RESULT key=value key=value".</summary>
public static class Result
{
    public static void Print(params (string Key, object Value)[] values)
    {
        var pairs = values.Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}");
        Console.WriteLine("RESULT " + string.Join(' ', pairs));
    }

    public static string Rate(double count, TimeSpan elapsed) =>
        (count / elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
}
