using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Persistence;
using YamlDotNet.RepresentationModel;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// docker-compose.yml (for users; no Docker engine runs here) is checked the way <c>docker compose config</c>
/// would: it parses, its services and dependencies hold together, the image builds from a Dockerfile that
/// exists, and every setting it gives the host is one the host reads.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!, ".."));

    /// <summary>The configuration sections the host binds (HostExtensions, AddResidentInsuranceXyz) and the variables ASP.NET reads.</summary>
    private static readonly string[] KnownSettings =
    [
        "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "OTEL_EXPORTER_OTLP_ENDPOINT",
        "ConnectionStrings__Workflows", "Persistence__Provider", "Engine__", "Policy__Scripting__", "Access__", "Messaging__", "RabbitMq__", "Logging__",
    ];

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    [Fact]
    public void The_compose_file_holds_together_and_gives_the_host_only_settings_it_reads()
    {
        var services = Map(Load(), "services");
        var names = services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        Assert.Equal(["host", "postgres", "rabbitmq"], names.Order());

        foreach (var (key, value) in services.Children)
        {
            var service = (YamlMappingNode)value;
            Assert.True(service.Children.ContainsKey(new YamlScalarNode("image")) || service.Children.ContainsKey(new YamlScalarNode("build")), $"{key} has neither image nor build");
            if (service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var depends))
            {
                foreach (var (dependency, condition) in ((YamlMappingNode)depends).Children)
                {
                    var name = ((YamlScalarNode)dependency).Value!;
                    Assert.Contains(name, names);
                    Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)condition).Children[new YamlScalarNode("condition")]).Value);
                    Assert.True(Map(services, name).Children.ContainsKey(new YamlScalarNode("healthcheck")), $"{name} is waited for healthy but has no healthcheck");
                }
            }
        }

        var host = Map(services, "host");
        var build = Map(host, "build");
        Assert.True(File.Exists(Path.Combine(Root, ((YamlScalarNode)build.Children[new YamlScalarNode("context")]).Value!, ((YamlScalarNode)build.Children[new YamlScalarNode("dockerfile")]).Value!)));

        var environment = Map(host, "environment").Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!);
        Assert.All(environment.Keys, key => Assert.True(KnownSettings.Any(k => k.EndsWith("__", StringComparison.Ordinal) ? key.StartsWith(k, StringComparison.Ordinal) : key == k), $"{key} is not a setting the host reads"));
        Assert.True(Enum.TryParse<StoreProvider>(environment["Persistence__Provider"], ignoreCase: true, out var provider) && provider == StoreProvider.PostgreSql);
        Assert.Contains("Host=postgres", environment["ConnectionStrings__Workflows"], StringComparison.Ordinal);

        var url = new Uri(environment["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal));
        var ports = ((YamlSequenceNode)host.Children[new YamlScalarNode("ports")]).Children.Select(p => ((YamlScalarNode)p).Value!).ToList();
        Assert.Contains(ports, p => p.EndsWith(":" + url.Port, StringComparison.Ordinal));
    }
}
