using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Configuration.Yaml;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Configuration;

public sealed class ConnectorConfigurationTests : IDisposable
{
    private readonly TestConfiguration _config = new();

    private const string Yaml = """
        opencti:
          url: 'http://from-file:8080'
          token: 'file-token'
        connector:
          id: 'file-id'
          log_level: info
          duration_period: PT2H
        taxii2:
          discovery_url: 'https://file.example.com/taxii2/'
          collections: 'root.a, root.b'
          verify_ssl: false
        """;

    [Fact]
    public void Build_FileOnly_ReadsSectionKeys()
    {
        var configuration = _config.Build(yaml: Yaml);

        configuration["taxii2:discovery_url"].Should().Be("https://file.example.com/taxii2/");
        configuration["connector:duration_period"].Should().Be("PT2H");
        configuration["taxii2:verify_ssl"].Should().Be("false");
    }

    [Fact]
    public void Build_EnvironmentAndFile_EnvironmentWins()
    {
        var environment = new Dictionary<string, string?>
        {
            ["TAXII2_DISCOVERY_URL"] = "https://env.example.com/taxii2/",
            ["CONNECTOR_DURATION_PERIOD"] = "PT15M",
        };

        var configuration = _config.Build(environment, Yaml);
        var reader = new ConfigSectionReader(configuration);
        var taxii2 = new Taxii2Options();
        taxii2.Read(reader);
        var connector = new ConnectorOptions();
        connector.Read(reader);

        taxii2.DiscoveryUrl.Should().Be(new Uri("https://env.example.com/taxii2/"));
        connector.DurationPeriod.Should().Be(TimeSpan.FromMinutes(15));
        taxii2.Collections.Should().Equal("root.a", "root.b");
        taxii2.VerifySsl.Should().BeFalse();
        connector.LogLevel.Should().Be("info");
        reader.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Build_EmptyEnvironmentVariable_WinsOverFileAndMeansDefault()
    {
        var taxii2 = Read<Taxii2Options>(new Dictionary<string, string?> { ["TAXII2_COLLECTIONS"] = "" }, Yaml);

        taxii2.Collections.Should().Equal("*.*");
    }

    [Theory]
    [InlineData("v21: false")]
    [InlineData("v2.1: false")]
    [InlineData("V21: FALSE")]
    public void Read_VersionFlagUnderEitherYamlName_SelectsTaxii20(string line)
    {
        var taxii2 = Read<Taxii2Options>(yaml: $"taxii2:\n  discovery_url: https://x.example.com/taxii2/\n  {line}\n");

        taxii2.Version.Should().Be(Taxii2VersionPreference.V20);
    }

    [Fact]
    public void Read_V21EnvironmentOverV2Dot1InFile_EnvironmentWins()
    {
        var taxii2 = Read<Taxii2Options>(
            new Dictionary<string, string?> { ["TAXII2_V21"] = "true" },
            "taxii2:\n  v2.1: false\n");

        taxii2.Version.Should().Be(Taxii2VersionPreference.V21);
    }

    [Theory]
    [InlineData("auto", Taxii2VersionPreference.Auto)]
    [InlineData("2.0", Taxii2VersionPreference.V20)]
    [InlineData("2.1", Taxii2VersionPreference.V21)]
    public void Read_VersionKey_WinsOverV21(string version, Taxii2VersionPreference expected)
    {
        var taxii2 = Read<Taxii2Options>(new Dictionary<string, string?> { ["TAXII2_VERSION"] = version, ["TAXII2_V21"] = "false" });

        taxii2.Version.Should().Be(expected);
    }

    [Fact]
    public void Read_YamlNullAndEmptyValues_CountAsUnset()
    {
        var taxii2 = Read<Taxii2Options>(yaml: "taxii2:\n  cert_path: ''\n  username: ~\n  initial_history:\n");

        taxii2.CertPath.Should().BeNull();
        taxii2.Username.Should().BeNull();
        taxii2.InitialHistory.Should().Be(TimeSpan.FromHours(24));
    }

    [Fact]
    public void Build_MissingExplicitFile_ThrowsNamingThePath()
    {
        var invocation = new ConnectorInvocation { ConfigPath = Path.Combine(_config.Directory, "absent.yml") };

        var act = () => ConnectorConfiguration.Build(invocation);

        act.Should().Throw<ConfigFileException>().WithMessage("*absent.yml*does not exist*");
    }

    [Fact]
    public void Build_InvalidYaml_ThrowsNamingFileAndLine()
    {
        var act = () => _config.Build(yaml: "taxii2:\n  discovery_url: 'unterminated\n  other: [\n");

        act.Should().Throw<ConfigFileException>().WithMessage("*config.yml*line*");
    }

    [Fact]
    public void Build_DuplicateKey_Throws()
    {
        var act = () => _config.Build(yaml: "taxii2:\n  token: a\n  token: b\n");

        act.Should().Throw<ConfigFileException>();
    }

    [Fact]
    public void FindUnknownSettings_TypoInKnownSection_IsReported()
    {
        var configuration = _config.Build(new Dictionary<string, string?> { ["TAXII2_DISCOVERY_ULR"] = "x", ["UNRELATED"] = "y" }, "taxii2:\n  v2.1: true\n");

        ConfigSections.FindUnknownSettings(configuration).Should().Equal("TAXII2_DISCOVERY_ULR");
    }

    [Fact]
    public void FindUnknownSettings_UnknownSectionInFile_IsReported()
    {
        var configuration = _config.Build(yaml: "taxi2:\n  discovery_url: https://x.example.com/taxii2/\n");

        ConfigSections.FindUnknownSettings(configuration).Should().Equal("taxi2");
    }

    [Fact]
    public void FindIgnoredSourceSettings_PushSettingsWithoutItsSwitch_OneLineNamingKeysAndSwitchNotValues()
    {
        var configuration = _config.Build(new Dictionary<string, string?>
        {
            ["TAXII2_DISCOVERY_URL"] = "https://taxii.example.com/taxii2/",
            ["TAXII_PUSH_LISTEN_URL"] = "http://127.0.0.1:6001",
        }, "taxii_push:\n  users:\n    - username: partner\n      password: s3cr3t-value\n");

        var lines = ConfigSections.FindIgnoredSourceSettings(configuration);

        lines.Should().ContainSingle().Which.Should().Contain("TAXII_PUSH_LISTEN_URL (taxii_push.listen_url)")
            .And.Contain("TAXII_PUSH_USERS (taxii_push.users)").And.Contain("TAXII_PUSH_ENABLED (taxii_push.enabled) switches it on")
            .And.NotContain("6001").And.NotContain("s3cr3t-value");
    }

    [Fact]
    public void FindIgnoredSourceSettings_SourceOnOrValuesAtTheirDefaults_NothingReported()
    {
        var enabled = _config.Build(new Dictionary<string, string?>
        {
            ["TAXII_PUSH_ENABLED"] = "true",
            ["TAXII_PUSH_LISTEN_URL"] = "http://127.0.0.1:6001",
        });
        var defaults = _config.Build(new Dictionary<string, string?>
        {
            ["TAXII2_DISCOVERY_URL"] = "https://taxii.example.com/taxii2/",
            ["TAXII_PUSH_ENABLED"] = "false",
            ["TAXII_PUSH_LISTEN_URL"] = "http://0.0.0.0:5001",
            ["TAXII11_DISCOVERY_URL"] = "",
        });

        ConfigSections.FindIgnoredSourceSettings(enabled).Should().BeEmpty();
        ConfigSections.FindIgnoredSourceSettings(defaults).Should().BeEmpty("the shipped config.yml.sample sets every key to its default");
    }

    private T Read<T>(IReadOnlyDictionary<string, string?>? environment = null, string? yaml = null)
        where T : class, IConfigSection<T>, new()
    {
        var reader = new ConfigSectionReader(_config.Build(environment, yaml));
        var options = new T();
        options.Read(reader);
        reader.Problems.Should().BeEmpty();
        return options;
    }

    public void Dispose() => _config.Dispose();
}
