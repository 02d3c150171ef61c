using System.Text.RegularExpressions;
using Shop.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Shop.Deployment.Tests;

public sealed partial class ComposeConsistencyTests
{
    private static readonly string[] SourceFolders = ["Silo", "WebFront", "Gateway", "Grains", "ServiceDefaults"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    private static string Repo(string path) => Path.Combine(BuiltApp.RepositoryRoot, path);

    [Fact]
    public void Every_image_of_ours_is_built_from_a_dockerfile_that_exists()
    {
        var built = new HashSet<string>();
        foreach (var (name, service) in _compose.Services)
        {
            if (ComposeFile.Child(service, "build") is YamlMappingNode build)
            {
                var dockerfile = ((YamlScalarNode)build["dockerfile"]).Value!;
                Assert.True(File.Exists(Repo(dockerfile)), $"{name}: {dockerfile} is missing");
                built.Add(((YamlScalarNode)service["image"]).Value!);
            }
        }

        foreach (var (name, service) in _compose.Services)
        {
            var image = ((YamlScalarNode)service["image"]).Value!;
            Assert.True(built.Contains(image) || image.StartsWith("postgres:", StringComparison.Ordinal), $"{name}: image {image} is neither built here nor official");
        }
    }

    [Fact]
    public void Every_dependency_waits_for_health_or_completion()
    {
        foreach (var (name, service) in _compose.Services)
        {
            if (ComposeFile.Child(service, "depends_on") is not { } dependsOn)
            {
                continue;
            }

            var mapping = Assert.IsType<YamlMappingNode>(dependsOn);
            foreach (var (dependency, settings) in mapping.Children)
            {
                var condition = ((YamlScalarNode)((YamlMappingNode)settings)["condition"]).Value;
                var target = _compose.Services[((YamlScalarNode)dependency).Value!];
                var expected = ComposeFile.Child(target, "command") is not null && ComposeFile.Child(target, "restart") is YamlScalarNode { Value: "no" }
                    ? "service_completed_successfully"
                    : "service_healthy";
                Assert.True(condition == expected, $"{name} depends on {dependency} with {condition}, expected {expected}");
                if (expected == "service_healthy")
                {
                    Assert.True(ComposeFile.Child(target, "healthcheck") is YamlMappingNode, $"{dependency} has no health check");
                }
            }
        }
    }

    [Fact]
    public void Every_long_running_service_has_a_health_check()
    {
        foreach (var name in new[] { "postgres", "silo", "gateway", "webfront" })
        {
            var check = Assert.IsType<YamlMappingNode>(ComposeFile.Child(_compose.Services[name], "healthcheck"));
            Assert.NotNull(ComposeFile.Child(check, "test"));
        }
    }

    [Fact]
    public void Published_host_ports_are_unique_and_only_the_gateway_and_webfront_are_reachable()
    {
        var hostPorts = new List<string>();
        foreach (var (name, service) in _compose.Services)
        {
            if (ComposeFile.Child(service, "ports") is YamlSequenceNode ports)
            {
                Assert.True(name is "gateway" or "webfront", $"{name} publishes ports");
                hostPorts.AddRange(ports.Children.Select(p => ((YamlScalarNode)p).Value!));
            }
        }

        var published = hostPorts.Select(p => p.Split(':')[^2]).ToList();
        Assert.Equal(published.Count, published.Distinct().Count());
        Assert.DoesNotContain(hostPorts, p => p.EndsWith(":11111", StringComparison.Ordinal) || p.EndsWith(":30000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo", "ConnectionStrings__Postgres", "Orleans__ClusterId", "Orleans__ServiceId", "Orleans__AdvertisedIP", "Auth__Operator__Email", "Auth__Operator__Password", "Auth__Jwt__SigningKey", "Management__Port", "ForwardedHeaders__TrustedNetworks__0")]
    [InlineData("gateway", "ReverseProxy__Clusters__silos__Destinations__silo__Address", "ReverseProxy__Clusters__silos__Destinations__silo__Health")]
    [InlineData("migrate", "ConnectionStrings__Postgres")]
    [InlineData("webfront", "ConnectionStrings__Postgres", "Orleans__ClusterId", "Orleans__ServiceId", "Auth__Jwt__SigningKey", "Management__Port")]
    public void Every_setting_the_apps_need_in_production_is_set(string service, params string[] settings)
    {
        var environment = ComposeFile.Environment(_compose.Services[service]);
        foreach (var setting in settings)
        {
            Assert.True(environment.TryGetValue(setting, out var value) && value.Length > 0, $"{service} lacks {setting}");
        }
    }

    [Fact]
    public void Every_setting_in_the_compose_file_is_one_the_code_reads()
    {
        var source = string.Join('\n', SourceFolders
            .SelectMany(dir => Directory.EnumerateFiles(Repo(dir), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith("appsettings.json", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var wellKnown = new HashSet<string> { "ASPNETCORE_URLS", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD" };

        foreach (var (name, service) in _compose.Services)
        {
            foreach (var key in ComposeFile.Environment(service).Keys.Where(k => !wellKnown.Contains(k)))
            {
                // Options bind sections by name: the section and the leaf must both appear in the code or settings.
                var parts = key.Split("__");
                var section = parts[0] == "ConnectionStrings" ? parts[1] : parts[0];
                var leaf = parts[^1];
                Assert.True(
                    source.Contains(section, StringComparison.Ordinal) && (Regex.IsMatch(leaf, "^[0-9]+$") || source.Contains(leaf, StringComparison.Ordinal)),
                    $"{name}: {key} is not read by any code");
            }
        }
    }

    [Fact]
    public void Every_variable_the_compose_file_uses_is_in_env_example_and_env_is_ignored()
    {
        var compose = File.ReadAllText(Repo("docker-compose.yml"));
        var example = File.ReadAllText(Repo(".env.example"));
        var used = VariablePattern().Matches(compose).Select(m => m.Groups[1].Value).Distinct();
        foreach (var variable in used)
        {
            Assert.True(Regex.IsMatch(example, $"^{variable}=", RegexOptions.Multiline), $".env.example lacks {variable}");
        }

        Assert.Contains(File.ReadAllLines(Repo(".gitignore")), line => line.Trim() == ".env");
    }

    [Fact]
    public void By_default_the_silos_serve_the_API_behind_the_gateway_and_webfront_is_the_standalone_profile()
    {
        var silo = _compose.Services["silo"];
        var gateway = _compose.Services["gateway"];
        var siloEnvironment = ComposeFile.Environment(silo);

        Assert.False(siloEnvironment.TryGetValue("Api__Enabled", out var enabled) && enabled == "false", "the silos must serve the API");
        Assert.Null(ComposeFile.Child(silo, "profiles"));
        Assert.Null(ComposeFile.Child(gateway, "profiles"));
        Assert.Equal(["standalone"], ((YamlSequenceNode)ComposeFile.Child(_compose.Services["webfront"], "profiles")!).Children.Select(p => ((YamlScalarNode)p).Value));

        // The gateway proxies to the silos' HTTP port and checks each silo where its health answers: the management port.
        var gatewayEnvironment = ComposeFile.Environment(gateway);
        var siloImage = File.ReadAllText(Repo("Silo/Dockerfile"));
        Assert.Contains("ASPNETCORE_URLS=http://+:8081", siloImage, StringComparison.Ordinal);
        Assert.Equal("http://silo:8081", gatewayEnvironment["ReverseProxy__Clusters__silos__Destinations__silo__Address"]);
        Assert.Equal($"http://silo:{siloEnvironment["Management__Port"]}", gatewayEnvironment["ReverseProxy__Clusters__silos__Destinations__silo__Health"]);
        Assert.Contains($":{siloEnvironment["Management__Port"]}/health/ready", string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)ComposeFile.Child(silo, "healthcheck")!)["test"]).Children), StringComparison.Ordinal);
        var depends = Assert.IsType<YamlMappingNode>(ComposeFile.Child(gateway, "depends_on"));
        Assert.True(depends.Children.ContainsKey(new YamlScalarNode("silo")), "the gateway waits for a healthy silo");
    }

    [Fact]
    public void The_gateway_checks_silo_health_actively_and_passively()
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo("Gateway/appsettings.json")));
        var silos = settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").GetProperty("silos");
        var health = silos.GetProperty("HealthCheck");

        Assert.True(health.GetProperty("Active").GetProperty("Enabled").GetBoolean());
        Assert.Equal("/health/ready", health.GetProperty("Active").GetProperty("Path").GetString());
        Assert.True(health.GetProperty("Passive").GetProperty("Enabled").GetBoolean());
    }

    [Theory]
    [InlineData("Gateway/Dockerfile")]
    [InlineData("Silo/Dockerfile")]
    [InlineData("WebFront/Dockerfile")]
    public void Images_are_multi_stage_run_as_non_root_and_check_their_health(string dockerfile)
    {
        var text = File.ReadAllText(Repo(dockerfile));
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", text, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0", text, StringComparison.Ordinal);
        Assert.Matches(new Regex("^USER (?!root)\\S+", RegexOptions.Multiline), text);
        Assert.Contains("HEALTHCHECK", text, StringComparison.Ordinal);
        foreach (Match copy in Regex.Matches(text, "^COPY (?!--from)(\\S+)", RegexOptions.Multiline))
        {
            Assert.True(File.Exists(Repo(copy.Groups[1].Value)) || Directory.Exists(Repo(copy.Groups[1].Value)), $"{dockerfile} copies missing {copy.Groups[1].Value}");
        }
    }

    [GeneratedRegex(@"\$\{([A-Z_]+)(?::?[-?][^}]*)?\}")]
    private static partial Regex VariablePattern();
}
