using System.Globalization;

namespace Shop.Bench.GrainClient;

/// <summary>A user the bench created: "id TAB email TAB created-at-unix-ms" per line.</summary>
public sealed record BenchUser(long Id, string Email, long CreatedAtUnixMs)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Id}\t{Email}\t{CreatedAtUnixMs}");

    public static IReadOnlyList<BenchUser> ReadAll(string path, int? count = null)
    {
        var users = File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(f => new BenchUser(long.Parse(f[0], CultureInfo.InvariantCulture), f[1], long.Parse(f[2], CultureInfo.InvariantCulture)));
        return (count is { } n ? users.Take(n) : users).ToList();
    }
}
