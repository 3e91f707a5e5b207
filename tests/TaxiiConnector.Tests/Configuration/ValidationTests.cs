using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>Start-up validation: one line per problem, naming the environment variable and the YAML key.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly TestConfiguration _config = new();

    [Fact]
    public void Validate_ValidEnvironment_HasNoProblem()
    {
        _config.Problems(TestConfiguration.ValidEnvironment).Should().BeEmpty();
    }

    [Fact]
    public void Validate_MissingOpenCtiUrl_NamesOpenCtiUrl()
    {
        var problems = _config.Problems(TestConfiguration.With(("OPENCTI_URL", null)));

        problems.Should().ContainSingle().Which.Should().Contain("OPENCTI_URL").And.Contain("opencti.url").And.Contain("required");
    }

    [Fact]
    public void Validate_MissingOpenCtiUrlInDryRun_IsFine()
    {
        var environment = TestConfiguration.With(("OPENCTI_URL", null), ("OPENCTI_TOKEN", null), ("CONNECTOR_ID", null));

        _config.Problems(environment, dryRun: true).Should().BeEmpty();
    }

    [Theory]
    [InlineData("60")]
    [InlineData("PT60")]
    [InlineData("1 hour")]
    [InlineData("P1M")]
    public void Validate_BadDurationPeriod_NamesBothNames(string period)
    {
        var problems = _config.Problems(TestConfiguration.With(("CONNECTOR_DURATION_PERIOD", period)));

        problems.Should().ContainSingle().Which
            .Should().Contain("CONNECTOR_DURATION_PERIOD").And.Contain("connector.duration_period").And.Contain($"'{period}'");
    }

    [Fact]
    public void Validate_BadDurationInYaml_NamesBothNames()
    {
        var problems = _config.Problems(TestConfiguration.ValidEnvironment, "connector:\n  duration_period: every hour\n");

        problems.Should().ContainSingle().Which.Should().Contain("CONNECTOR_DURATION_PERIOD (connector.duration_period)");
    }

    [Theory]
    [InlineData("taxii.example.com/taxii2/")]
    [InlineData("ftp://taxii.example.com/")]
    [InlineData("https://")]
    public void Validate_BadDiscoveryUrl_NamesBothNames(string url)
    {
        var problems = _config.Problems(TestConfiguration.With(("TAXII2_DISCOVERY_URL", url)));

        problems.Should().ContainSingle().Which
            .Should().Contain("TAXII2_DISCOVERY_URL").And.Contain("taxii2.discovery_url").And.Contain("URL");
    }

    [Fact]
    public void Validate_BadOpenCtiUrl_NamesBothNames()
    {
        var problems = _config.Problems(TestConfiguration.With(("OPENCTI_URL", "opencti:8080")));

        problems.Should().ContainSingle().Which.Should().Contain("OPENCTI_URL (opencti.url)");
    }

    [Theory]
    [InlineData("TAXII2_VERIFY_SSL", "taxii2.verify_ssl")]
    [InlineData("TAXII2_V21", "taxii2.v21")]
    [InlineData("CONNECTOR_RUN_AND_TERMINATE", "connector.run_and_terminate")]
    [InlineData("TAXII2_CREATE_OBSERVABLES", "taxii2.create_observables")]
    [InlineData("MQ_USE_SSL", "mq.use_ssl")]
    public void Validate_UnknownBoolean_NamesBothNames(string variable, string yamlKey)
    {
        var problems = _config.Problems(TestConfiguration.With((variable, "FALSE-ish")));

        problems.Should().ContainSingle().Which
            .Should().Contain(variable).And.Contain(yamlKey).And.Contain("not a boolean");
    }

    [Fact]
    public void Validate_NoSource_NamesTaxii2DiscoveryUrl()
    {
        var problems = _config.Problems(TestConfiguration.With(("TAXII2_DISCOVERY_URL", null)));

        problems.Should().ContainSingle().Which
            .Should().Contain("TAXII2_DISCOVERY_URL").And.Contain("taxii2.discovery_url").And.Contain("no source");
    }

    [Fact]
    public void Validate_SeveralProblems_OneLineEach()
    {
        var environment = TestConfiguration.With(
            ("OPENCTI_URL", null),
            ("CONNECTOR_DURATION_PERIOD", "hourly"),
            ("TAXII2_VERIFY_SSL", "maybe"),
            ("TAXII2_INITIAL_HISTORY", "lots"));

        var problems = _config.Problems(environment);

        problems.Should().HaveCount(4);
        problems.Should().OnlyContain(line => !line.Contains('\n'));
    }

    [Theory]
    [InlineData("TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL", "no-colon-here", "TAXII2_REPLACE_CHARACTERS_IN_LABEL")]
    [InlineData("TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL", "a:b,:x", "TAXII2_REPLACE_CHARACTERS_IN_LABEL")]
    [InlineData("TAXII2_LABELS_TO_EXCLUDE", "([unclosed", "TAXII2_EXCLUDE_SPECIFIC_LABELS")]
    public void Validate_MalformedTransformerList_IsAProblem(string variable, string value, string switchVariable)
    {
        var problems = _config.Problems(TestConfiguration.With((variable, value), (switchVariable, "true")));

        problems.Should().ContainSingle().Which.Should().Contain(variable);
    }

    [Theory]
    [InlineData("TAXII2_USE_TOKEN", "TAXII2_TOKEN")]
    [InlineData("TAXII2_CREATE_AUTHOR", "TAXII2_AUTHOR_NAME")]
    [InlineData("TAXII2_ADD_CUSTOM_LABEL", "TAXII2_CUSTOM_LABEL")]
    [InlineData("TAXII2_CHANGE_REPORT_STATUS", "TAXII2_CHANGE_REPORT_STATUS_X_OPENCTI_WORKFLOW_ID")]
    public void Validate_SwitchWithoutItsValue_NamesTheMissingKey(string switchVariable, string missingVariable)
    {
        var problems = _config.Problems(TestConfiguration.With((switchVariable, "true")));

        problems.Should().ContainSingle().Which.Should().StartWith(missingVariable + " (").And.Contain(switchVariable);
    }

    [Fact]
    public void Validate_ApiKeyWithoutHeaderAndValue_TwoProblems()
    {
        var problems = _config.Problems(TestConfiguration.With(("TAXII2_USE_APIKEY", "yes")));

        problems.Should().HaveCount(2);
        problems.Should().Contain(line => line.Contains("TAXII2_APIKEY_KEY")).And.Contain(line => line.Contains("TAXII2_APIKEY_VALUE"));
    }

    [Theory]
    [InlineData("CONNECTOR_LOG_LEVEL", "verbose")]
    [InlineData("CONNECTOR_LOG_FORMAT", "xml")]
    [InlineData("CONNECTOR_QUEUE_PROTOCOL", "http")]
    [InlineData("CONNECTOR_SCHEDULE_CRON", "every day")]
    [InlineData("TAXII2_VERSION", "2.2")]
    [InlineData("TAXII2_DEFAULT_MARKING", "TLP:PURPLE")]
    [InlineData("CONNECTOR_METRICS_PORT", "70000")]
    [InlineData("TAXII2_DEFAULT_X_OPENCTI_SCORE", "101")]
    public void Validate_ValueOutsideItsDomain_IsAProblem(string variable, string value)
    {
        var problems = _config.Problems(TestConfiguration.With((variable, value)));

        problems.Should().ContainSingle().Which.Should().StartWith(variable + " (");
    }

    [Fact]
    public void Validate_SecretInMalformedHeaders_IsNotEchoed()
    {
        var problems = _config.Problems(TestConfiguration.With(("OPENCTI_CUSTOM_HEADERS", "X-Api-Key=supersecretvalue")));

        problems.Should().ContainSingle().Which.Should().Contain("OPENCTI_CUSTOM_HEADERS").And.NotContain("supersecretvalue");
    }

    [Theory]
    [InlineData("debug")]
    [InlineData("INFO")]
    [InlineData("warn")]
    [InlineData("warning")]
    [InlineData("Error")]
    public void Validate_AcceptedLogLevel_HasNoProblem(string level)
    {
        _config.Problems(TestConfiguration.With(("CONNECTOR_LOG_LEVEL", level))).Should().BeEmpty();
    }

    [Theory]
    [InlineData("TAXII2_CERT_PATH")]
    [InlineData("TAXII2_CA_PATH")]
    [InlineData("MQ_USE_SSL_CA")]
    public void Validate_MissingCertificateFile_NamesTheKeyAndPath(string variable)
    {
        var path = Path.Combine(_config.Directory, "absent.pem");

        var problems = _config.Problems(TestConfiguration.With((variable, path)));

        problems.Should().ContainSingle().Which.Should().StartWith(variable + " (").And.Contain("absent.pem");
    }

    [Fact]
    public void Validate_ExistingCertificateFile_IsFine()
    {
        var path = _config.WriteYaml("-----BEGIN CERTIFICATE-----", "client.pem");

        _config.Problems(TestConfiguration.With(("TAXII2_CERT_PATH", path))).Should().BeEmpty();
    }

    public void Dispose() => _config.Dispose();
}
