using Shop.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Shop.Deployment.Tests;

/// <summary>docker-compose.yml read as YAML (this machine has no Docker engine to run it).</summary>
internal sealed class ComposeFile
{
    private ComposeFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public static ComposeFile Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(BuiltApp.RepositoryRoot, "docker-compose.yml"));
        yaml.Load(reader);
        return new ComposeFile((YamlMappingNode)yaml.Documents[0].RootNode);
    }

    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        ((YamlMappingNode)Root["services"]).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (YamlMappingNode)kv.Value);

    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A service's environment with YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied.</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(service, "environment") is YamlMappingNode environment)
        {
            Collect(environment, result);
        }

        return result;
    }

    private static void Collect(YamlMappingNode mapping, Dictionary<string, string> into)
    {
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<" && value is YamlMappingNode merged)
            {
                foreach (var (k, v) in EnvironmentOf(merged))
                {
                    into.TryAdd(k, v);
                }
            }
            else
            {
                into[name] = (value as YamlScalarNode)?.Value ?? "";
            }
        }
    }

    private static Dictionary<string, string> EnvironmentOf(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(mapping, result);
        return result;
    }
}
