using System.Globalization;

namespace Shop.Bench.GrainClient;

/// <summary>"command --name value ..." with typed getters; a missing required option ends the tool with a message.</summary>
public sealed class CommandLine(string command, IReadOnlyDictionary<string, string> options)
{
    public string Command => command;

    public static CommandLine Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return new CommandLine(args.Length > 0 ? args[0] : "", options);
    }

    public string Text(string name, string? fallback = null) =>
        options.TryGetValue(name, out var value) ? value
        : fallback ?? throw new ArgumentException($"--{name} is required");

    public int Number(string name, int? fallback = null) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture)
        : fallback ?? throw new ArgumentException($"--{name} is required");

    public long Id(string name) => long.Parse(Text(name), CultureInfo.InvariantCulture);

    public static int Usage()
    {
        Console.Error.WriteLine("""
            usage: GrainClient COMMAND [--option value ...]   (cluster: --pg CONNSTRING --cluster-id ID --service-id ID)
              create-users --count N --prefix P --password P --out FILE [--concurrency 64] [--via directory|grain] [--first-id N]
              clone-users  --template ID --template-email E --count N --out FILE [--first-id 10000000000]
              calls        --user ID [--seconds 10] [--inflight 64] [--warmup 2]
              place-orders --in FILE [--via directory|grain] [--users 1000] [--seconds 10] [--inflight 64]
              activate     --in FILE [--count N] [--concurrency 128]
              sign-in      --in FILE --base URL --password P --out FILE [--count N] [--concurrency 32]
              force-gc     --pid PID
              heap-types   --pid PID --out FILE
              mail-latency --in FILE --dir DIR --delay-ms MS [--timeout 60]
            """);
        return 2;
    }
}
