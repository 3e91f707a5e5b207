using TaxiiConnector.Configuration;
using TaxiiConnector.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace TaxiiConnector.Tests.Documentation;

/// <summary>Docker does not run here: the deployment files are parsed and checked against what the connector knows.</summary>
public sealed class DeploymentFilesTests
{
    private static YamlMappingNode Compose()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryRoot.File("docker-compose.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Services() => (YamlMappingNode)Compose()["services"];

    private static IEnumerable<(string Name, YamlMappingNode Service)> ConnectorServices() =>
        Services().Children
            .Select(pair => (Name: ((YamlScalarNode)pair.Key).Value!, Service: (YamlMappingNode)pair.Value))
            .Where(service => service.Service.Children.ContainsKey("build"));

    private static IEnumerable<string> EnvironmentNames(YamlMappingNode service)
    {
        if (!service.Children.TryGetValue("environment", out var environment))
        {
            return [];
        }

        return environment switch
        {
            YamlSequenceNode list => list.Children.Select(item => ((YamlScalarNode)item).Value!.Split('=', 2)[0]),
            YamlMappingNode map => map.Children.Keys.Select(key => ((YamlScalarNode)key).Value!),
            _ => [],
        };
    }

    [Fact]
    public void Compose_ConnectorEnvironment_UsesOnlyKnownVariables()
    {
        var connectors = ConnectorServices().ToList();
        connectors.Should().ContainSingle("one service builds this connector");

        var names = EnvironmentNames(connectors[0].Service).ToList();
        names.Should().NotBeEmpty();
        foreach (var name in names)
        {
            ConfigSections.FindByEnvironmentVariable(name).Should().NotBeNull($"{name} in docker-compose.yml is a variable the connector knows");
        }

        names.Should().Contain(["OPENCTI_URL", "OPENCTI_TOKEN", "CONNECTOR_ID", "TAXII2_DISCOVERY_URL", "CONNECTOR_DURATION_PERIOD"]);
    }

    [Fact]
    public void Compose_Stack_HasTheWholeOpenCtiPlatform()
    {
        var images = Services().Children.Values.Cast<YamlMappingNode>()
            .Where(service => service.Children.ContainsKey("image"))
            .Select(service => ((YamlScalarNode)service["image"]).Value!)
            .ToList();

        images.Should().Contain(image => image.StartsWith("opencti/platform:", StringComparison.Ordinal));
        images.Should().Contain(image => image.StartsWith("opencti/worker:", StringComparison.Ordinal));
        images.Should().Contain(image => image.StartsWith("redis:", StringComparison.Ordinal));
        images.Should().Contain(image => image.Contains("elasticsearch", StringComparison.Ordinal) || image.Contains("opensearch", StringComparison.Ordinal));
        images.Should().Contain(image => image.StartsWith("rabbitmq:", StringComparison.Ordinal));
        images.Should().Contain(image => image.StartsWith("minio/minio", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_EveryService_RestartsAlways()
    {
        foreach (var (name, service) in Services().Children.Select(pair => (((YamlScalarNode)pair.Key).Value, (YamlMappingNode)pair.Value)))
        {
            ((YamlScalarNode)service["restart"]).Value.Should().Be("always", name);
        }
    }

    [Fact]
    public void Dockerfile_MultiStageNonRootWithTheReadmeEntry()
    {
        var dockerfile = File.ReadAllLines(RepositoryRoot.File("Dockerfile"));
        var readme = File.ReadAllText(RepositoryRoot.File("README.md"));

        dockerfile.Count(line => line.StartsWith("FROM ", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(2);
        dockerfile.Should().Contain(line => line.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        dockerfile.Should().Contain(line => line.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        dockerfile.Should().Contain(line => line.StartsWith("USER ", StringComparison.Ordinal) && !line.Contains("root", StringComparison.Ordinal));
        dockerfile.Should().Contain("ENTRYPOINT [\"dotnet\", \"TaxiiConnector.dll\"]");
        readme.Should().Contain("dotnet TaxiiConnector.dll run");
    }

    [Fact]
    public void Dockerfile_PublishesReadyToRunForTheImageArchitecture()
    {
        // Start-up was measured with and without ReadyToRun (BENCHMARKS.md, "Start-up"); the faster one ships.
        var dockerfile = File.ReadAllLines(RepositoryRoot.File("Dockerfile"));

        var publish = dockerfile.Should().ContainSingle(line => line.StartsWith("RUN dotnet publish ", StringComparison.Ordinal)).Which;
        publish.Should().Contain("-p:PublishReadyToRun=true").And.Contain("-a $TARGETARCH").And.Contain("--self-contained false");
        dockerfile.Should().ContainSingle(line => line.StartsWith("RUN dotnet restore ", StringComparison.Ordinal))
            .Which.Should().Contain("-p:PublishReadyToRun=true").And.Contain("-a $TARGETARCH");
    }
}
