using System.Text.RegularExpressions;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Placeholders;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Documentation;

/// <summary>
/// <c>deploy/connector.env.sample</c>, the <c>docker run --env-file</c> sample: every variable is a setting the connector
/// knows, every secret and identity is a placeholder (which start-up refuses), and the README and the deployment
/// files point at nothing outside the repository.
/// </summary>
public sealed partial class ConnectorEnvSampleTests
{
    private const string SamplePath = "deploy/connector.env.sample";

    private static List<(string Name, string Value)> Variables() =>
        [.. File.ReadAllLines(RepositoryRoot.File(SamplePath))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : throw new FormatException($"{SamplePath}: '{parts[0]}' has no '='")))];

    [Fact]
    public void EnvSample_EveryVariable_IsAKnownSettingAndNoneIsUnknownToTheConfiguration()
    {
        var variables = Variables();

        variables.Should().NotBeEmpty();
        variables.Select(v => v.Name).Should().OnlyHaveUniqueItems();
        foreach (var (name, _) in variables)
        {
            ConfigSections.FindByEnvironmentVariable(name).Should().NotBeNull($"{name} in {SamplePath} is a variable the connector knows");
        }

        using var config = new TestConfiguration();
        var configuration = config.Build(variables.ToDictionary(v => v.Name, v => (string?)v.Value));
        ConfigSections.FindUnknownSettings(configuration).Should().BeEmpty();
        variables.Select(v => v.Name).Should().Contain(["OPENCTI_URL", "OPENCTI_TOKEN", "CONNECTOR_ID", "TAXII2_DISCOVERY_URL"]);
    }

    [Fact]
    public void EnvSample_SecretsAndTheConnectorId_ArePlaceholdersThatStartUpRefuses()
    {
        var variables = Variables();

        foreach (var (name, value) in variables)
        {
            value.Should().NotStartWith("\"", $"docker --env-file passes quotes literally ({name})");
            if (ConfigSections.FindByEnvironmentVariable(name)!.IsSecret || name == "CONNECTOR_ID")
            {
                PlaceholderValues.IsPlaceholder(value).Should().BeTrue($"{name} in {SamplePath} must be a placeholder, not a value");
            }
        }

        using var config = new TestConfiguration();
        var problems = config.Problems(variables.ToDictionary(v => v.Name, v => (string?)v.Value));
        problems.Should().Contain(line => line.Contains("OPENCTI_TOKEN", StringComparison.Ordinal) && line.Contains(PlaceholderValidator.Marker, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadmeDocsAndDeploy_ReferToNothingOutsideTheRepository()
    {
        var files = new[] { RepositoryRoot.File("README.md") }
            .Concat(Directory.EnumerateFiles(RepositoryRoot.File("docs"), "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(RepositoryRoot.File("deploy"), "*", SearchOption.AllDirectories));

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            OutsideReference().Matches(text).Select(m => m.Value).Should().BeEmpty($"{Path.GetRelativePath(RepositoryRoot.Path, file)} must stand on its own");
        }
    }

    // Paths above the repository, the shared reference notes and design sketch, and the tracker's issue numbers.
    [GeneratedRegex(@"\.\./shared|\bshared docs\b|\breference/[\w.-]+\.md|\bDESIGN\.md\b|\bseed\b|\bissue #?\d+|/work/", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideReference();
}
