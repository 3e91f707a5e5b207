using TaxiiConnector.Configuration;
using TaxiiConnector.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace TaxiiConnector.Tests.Documentation;

/// <summary>README's configuration table and config.yml.sample follow the options classes; the sample parses and is all defaults.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void ConfigurationReference_Table_MatchesTheOptions()
    {
        var path = RepositoryRoot.File(ConfigDocs.ReferencePath);
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(ConfigDocs.TableStart, StringComparison.Ordinal);
        var end = readme.IndexOf(ConfigDocs.TableEnd, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"{ConfigDocs.ReferencePath} has the generated table markers");
        end.Should().BeGreaterThan(start);

        var expected = ConfigDocs.RenderReadmeTable();
        var actual = readme[(start + ConfigDocs.TableStart.Length)..end];
        if (ConfigDocs.UpdateRequested && actual != expected)
        {
            File.WriteAllText(path, readme[..(start + ConfigDocs.TableStart.Length)] + expected + readme[end..]);
            actual = expected;
        }

        actual.Should().Be(expected, $"{ConfigDocs.ReferencePath}'s table is generated: run the tests with TAXII_CONNECTOR_UPDATE_DOCS=1");
    }

    [Fact]
    public void Readme_LinksToTheConfigurationReference_AndHoldsNoTable()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("README.md"));

        readme.Should().Contain($"]({ConfigDocs.ReferencePath})");
        readme.Should().NotContain(ConfigDocs.TableStart, "issue 16 item 11: the configuration table lives in its own file");
    }

    [Fact]
    public void ConfigurationReference_EveryKnownKey_AppearsWithEnvVarAndYamlKey()
    {
        var readme = File.ReadAllText(RepositoryRoot.File(ConfigDocs.ReferencePath));

        foreach (var key in ConfigSections.KnownKeys)
        {
            readme.Should().Contain($"`{key.EnvironmentVariable}`").And.Contain($"`{key.YamlKey}`");
        }
    }

    [Fact]
    public void Readme_FirstCommands_AreTheDemoAndTheTests()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("README.md"));

        readme.Should().Contain("dotnet run --project src/TaxiiConnector -- demo").And.Contain("dotnet test TaxiiConnector.sln -c Release");
        readme.IndexOf("dotnet run --project src/TaxiiConnector -- demo", StringComparison.Ordinal)
            .Should().BeLessThan(readme.IndexOf("## ", StringComparison.Ordinal), "the two commands come before any section");
    }

    [Fact]
    public void CiScript_RunsTheReadmesTestCommand_Verbatim()
    {
        // CI calls the README's test command; if the two drift, what a developer runs is not what CI judges.
        var readme = File.ReadAllLines(RepositoryRoot.File("README.md"));
        var command = readme.First(line => line.StartsWith("dotnet test ", StringComparison.Ordinal));
        command = command.Split('#')[0].TrimEnd();

        command.Should().Contain("--blame-hang-timeout", "a hung test must fail the run with its name, not run into CI's time limit");
        File.ReadAllText(RepositoryRoot.File(".ci/run")).Should().Contain(command + " 2>&1");
    }

    [Fact]
    public void Sample_MatchesTheOptions()
    {
        var path = RepositoryRoot.File("config.yml.sample");
        var expected = ConfigDocs.RenderSample();
        if (ConfigDocs.UpdateRequested && (!File.Exists(path) || File.ReadAllText(path) != expected))
        {
            File.WriteAllText(path, expected);
        }

        File.ReadAllText(path).Should().Be(expected, "config.yml.sample is generated: run the tests with TAXII_CONNECTOR_UPDATE_DOCS=1");
    }

    [Fact]
    public void Sample_EveryKeyIsKnownAndEveryKnownKeyIsThere()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryRoot.File("config.yml.sample"))));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        var found = new List<ConfigKey>();
        foreach (var (sectionNode, keysNode) in root.Children)
        {
            var section = ((YamlScalarNode)sectionNode).Value!;
            foreach (var (keyNode, _) in ((YamlMappingNode)keysNode).Children)
            {
                var key = ConfigSections.FindByYamlKey(section, ((YamlScalarNode)keyNode).Value!);
                key.Should().NotBeNull($"{section}.{((YamlScalarNode)keyNode).Value} in config.yml.sample is a key the connector knows");
                found.Add(key!);
            }
        }

        found.Should().BeEquivalentTo(ConfigSections.KnownKeys);
    }

    [Fact]
    public void Sample_LoadedAsConfigYml_GivesTheSameEffectiveValuesAsNoFile()
    {
        var withSample = ConnectorConfigurationFor(RepositoryRoot.File("config.yml.sample"));
        var reader = new ConfigSectionReader(withSample);

        foreach (var key in ConfigSections.KnownKeys)
        {
            (reader.GetRawValue(key) ?? string.Empty).Should().Be(key.DefaultValue, key.DisplayName);
        }

        ConfigSections.FindUnknownSettings(withSample).Should().BeEmpty();
    }

    private static Microsoft.Extensions.Configuration.IConfigurationRoot ConnectorConfigurationFor(string path) =>
        ConnectorConfiguration.Build(new TaxiiConnector.Cli.ConnectorInvocation { ConfigPath = path });
}
