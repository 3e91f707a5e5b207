using TaxiiConnector.Configuration;
using TaxiiConnector.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace TaxiiConnector.Tests.Observability;

/// <summary>Kubernetes does not run here: the manifests are parsed and checked against what the connector knows.</summary>
public sealed class KubernetesManifestsTests
{
    private static readonly string Directory = RepositoryRoot.File("deploy/kubernetes");

    private static IReadOnlyList<YamlMappingNode> Documents() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Order(StringComparer.Ordinal).SelectMany(file =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            return stream.Documents.Select(document => (YamlMappingNode)document.RootNode);
        })];

    private static YamlMappingNode OfKind(string kind) =>
        Documents().Single(document => Scalar(document, "kind") == kind);

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    private static YamlMappingNode Map(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node)[key];
        }

        return (YamlMappingNode)node;
    }

    private static YamlMappingNode Container() =>
        (YamlMappingNode)((YamlSequenceNode)Map(OfKind("Deployment"), "spec", "template", "spec")["containers"]).Children.Single();

    private static IEnumerable<string> Keys(YamlMappingNode node) => node.Children.Keys.Select(key => ((YamlScalarNode)key).Value!);

    [Fact]
    public void Manifests_Parse_IntoSecretConfigMapDeploymentAndService()
    {
        Documents().Select(document => Scalar(document, "kind")).Should().BeEquivalentTo(["Secret", "ConfigMap", "Deployment", "Service"]);
    }

    [Fact]
    public void SecretAndConfigMap_EveryVariable_IsAKeyTheConnectorKnows()
    {
        var variables = Keys(Map(OfKind("ConfigMap"), "data")).Concat(Keys(Map(OfKind("Secret"), "stringData"))).ToList();
        var container = Container();
        if (container.Children.TryGetValue("env", out var env))
        {
            variables.AddRange(((YamlSequenceNode)env).Children.Select(item => Scalar((YamlMappingNode)item, "name")!));
        }

        variables.Should().Contain(["OPENCTI_URL", "OPENCTI_TOKEN", "CONNECTOR_ID", "TAXII2_DISCOVERY_URL", "CONNECTOR_EXPOSE_METRICS", "CONNECTOR_METRICS_PORT"]);
        foreach (var variable in variables)
        {
            ConfigSections.FindByEnvironmentVariable(variable).Should().NotBeNull($"{variable} in deploy/kubernetes is a variable the connector knows");
        }
    }

    [Fact]
    public void SecretsAndPlainSettings_AreSeparated()
    {
        foreach (var variable in Keys(Map(OfKind("ConfigMap"), "data")))
        {
            ConfigSections.FindByEnvironmentVariable(variable)!.IsSecret.Should().BeFalse($"{variable} is a secret and belongs in the Secret");
        }

        foreach (var variable in Keys(Map(OfKind("Secret"), "stringData")).Where(v => v != "TAXII2_USERNAME"))
        {
            ConfigSections.FindByEnvironmentVariable(variable)!.IsSecret.Should().BeTrue($"{variable} is not a secret");
        }
    }

    [Fact]
    public void Deployment_Probes_UseHealthzAndReadyzOnTheMetricsPort()
    {
        var container = Container();
        var port = ((YamlSequenceNode)container["ports"]).Children.Cast<YamlMappingNode>().Single(p => Scalar(p, "name") == "metrics");
        Scalar(port, "containerPort").Should().Be(Scalar(Map(OfKind("ConfigMap"), "data"), "CONNECTOR_METRICS_PORT"));
        Scalar(Map(container, "livenessProbe", "httpGet"), "path").Should().Be("/healthz");
        Scalar(Map(container, "livenessProbe", "httpGet"), "port").Should().Be("metrics");
        Scalar(Map(container, "readinessProbe", "httpGet"), "path").Should().Be("/readyz");
        Scalar(Map(container, "readinessProbe", "httpGet"), "port").Should().Be("metrics");
        Scalar(Map(OfKind("ConfigMap"), "data"), "CONNECTOR_EXPOSE_METRICS").Should().Be("true");
    }

    [Fact]
    public void Deployment_RunsAsNonRootWithLimits()
    {
        var pod = Map(OfKind("Deployment"), "spec", "template", "spec");
        Scalar(Map(pod, "securityContext"), "runAsNonRoot").Should().Be("true");
        var container = Container();
        Scalar(Map(container, "securityContext"), "allowPrivilegeEscalation").Should().Be("false");
        Keys(Map(container, "resources", "limits")).Should().Contain(["cpu", "memory"]);
        Keys(Map(container, "resources", "requests")).Should().Contain(["cpu", "memory"]);
        Scalar(Map(OfKind("Deployment"), "spec"), "replicas").Should().Be("1");
    }

    [Fact]
    public void Compose_ConnectorHealthcheck_ProbesHealthzWithTheBuiltInVerb()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryRoot.File("docker-compose.yml"))));
        var services = Map(stream.Documents[0].RootNode, "services");
        var connector = services.Children.Values.Cast<YamlMappingNode>().Single(service => service.Children.ContainsKey("build"));

        var test = ((YamlSequenceNode)Map(connector, "healthcheck")["test"]).Children.Select(node => ((YamlScalarNode)node).Value).ToList();

        test.Should().Equal("CMD", "dotnet", "TaxiiConnector.dll", "healthcheck");
        ((YamlSequenceNode)connector["environment"]).Children.Select(node => ((YamlScalarNode)node).Value)
            .Should().Contain("CONNECTOR_EXPOSE_METRICS=true");
    }
}
