using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
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

    /// <summary>Issue 16: the shipped deployments use the default log level (info), which shows each run's outcome.</summary>
    [Fact]
    public void Deployments_LogLevel_LeftAtTheDefault()
    {
        ConnectorOptions.Key(nameof(ConnectorOptions.LogLevel)).DefaultValue.Should().Be("info");
        EnvironmentNames(ConnectorServices().Single().Service).Should().NotContain("CONNECTOR_LOG_LEVEL");
        File.ReadAllText(RepositoryRoot.File("deploy/kubernetes/configmap.yaml")).Should().NotContain("CONNECTOR_LOG_LEVEL");
    }

    /// <summary>Issue 16 item 10: a floating image tag lets a newer SDK's analyzers break the build later.</summary>
    [Fact]
    public void Dockerfile_Images_PinnedToThePatchVersionOfGlobalJson()
    {
        var dockerfile = File.ReadAllLines(RepositoryRoot.File("Dockerfile"));
        using var globalJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("global.json")));
        var sdk = Version.Parse(globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!);

        dockerfile.Should().Contain(line => line.StartsWith($"FROM mcr.microsoft.com/dotnet/sdk:{sdk} ", StringComparison.Ordinal));
        // The runtime is the one that SDK ships, which is the one these tests run on (global.json selects the SDK).
        var runtime = Environment.Version.ToString(3);
        dockerfile.Should().Contain(line => line.StartsWith($"FROM mcr.microsoft.com/dotnet/aspnet:{runtime} ", StringComparison.Ordinal));
    }

    /// <summary>Where connector.data_dir lands in the image: the runtime stage's WORKDIR plus the relative default.</summary>
    private static string ImageDataDirectory()
    {
        var dockerfile = File.ReadAllLines(RepositoryRoot.File("Dockerfile"));
        var runtime = dockerfile.SkipWhile(line => !line.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal));
        var workdir = runtime.First(line => line.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..].Trim();
        return Path.Combine(workdir, ConnectorOptions.DefaultDataDirectory.TrimStart('.', '/')).Replace('\\', '/');
    }

    [Fact]
    public void Dockerfile_DataDirectory_OwnedByTheNonRootUserAndAVolume()
    {
        var dockerfile = File.ReadAllLines(RepositoryRoot.File("Dockerfile"));
        var data = ImageDataDirectory();
        var user = Array.FindIndex(dockerfile, line => line.StartsWith("USER ", StringComparison.Ordinal));

        Array.FindIndex(dockerfile, line => line.StartsWith("RUN ", StringComparison.Ordinal) && line.Contains($"mkdir -p {data}", StringComparison.Ordinal)
            && line.Contains($"chown \"$APP_UID:$APP_UID\" {data}", StringComparison.Ordinal)).Should().BeInRange(0, user, "created by root for the user the image runs as");
        dockerfile.Should().Contain($"VOLUME {data}");
    }

    [Fact]
    public void Compose_Connector_MountsAVolumeOnTheDataDirectory()
    {
        var (_, connector) = ConnectorServices().Single();
        var volumes = ((YamlSequenceNode)connector["volumes"]).Children.Select(node => ((YamlScalarNode)node).Value!).ToList();

        var mount = volumes.Should().ContainSingle(volume => volume.EndsWith(":" + ImageDataDirectory(), StringComparison.Ordinal)).Which;
        ((YamlMappingNode)Compose()["volumes"]).Children.Keys.Select(key => ((YamlScalarNode)key).Value).Should().Contain(mount.Split(':')[0]);
    }

    [Fact]
    public void Kubernetes_Deployment_MountsTheDataDirectoryAndKeepsTheRootReadOnly()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryRoot.File("deploy/kubernetes/deployment.yaml"))));
        var deployment = (YamlMappingNode)stream.Documents[0].RootNode;
        var pod = (YamlMappingNode)deployment["spec"]["template"]["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children[0];

        ((YamlScalarNode)container["securityContext"]["readOnlyRootFilesystem"]).Value.Should().Be("true");
        var mount = ((YamlSequenceNode)container["volumeMounts"]).Children.Cast<YamlMappingNode>()
            .Should().ContainSingle(m => ((YamlScalarNode)m["mountPath"]).Value == ImageDataDirectory()).Which;
        var name = ((YamlScalarNode)mount["name"]).Value;
        ((YamlSequenceNode)pod["volumes"]).Children.Cast<YamlMappingNode>()
            .Should().ContainSingle(v => ((YamlScalarNode)v["name"]).Value == name)
            .Which.Children.Keys.Select(key => ((YamlScalarNode)key).Value).Should().Contain(key => key == "emptyDir" || key == "persistentVolumeClaim");
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
