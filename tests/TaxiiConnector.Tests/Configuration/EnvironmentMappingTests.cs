using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Environment;

namespace TaxiiConnector.Tests.Configuration;

public sealed class EnvironmentMappingTests
{
    [Theory]
    [InlineData("TAXII2_DISCOVERY_URL", "taxii2:discovery_url")]
    [InlineData("TAXII_PUSH_ENABLED", "taxii_push:enabled")]
    [InlineData("TAXII11_DISCOVERY_URL", "taxii11:discovery_url")]
    [InlineData("CYBERTHREATEXCHANGE_API_KEY", "cyberthreatexchange:api_key")]
    [InlineData("CONNECTOR_DURATION_PERIOD", "connector:duration_period")]
    [InlineData("OPENCTI_URL", "opencti:url")]
    [InlineData("MQ_USE_SSL_CA", "mq:use_ssl_ca")]
    [InlineData("METRICS_MAX_LAG", "metrics:max_lag")]
    [InlineData("STATE_PATH", "state:path")]
    [InlineData("TAXII2_V21", "taxii2:v21")]
    [InlineData("taxii2_collections", "taxii2:collections")]
    public void ToConfigurationPath_KnownSection_MapsToSectionKey(string variable, string expected)
    {
        SectionEnvironmentVariablesSource.ToConfigurationPath(variable, ConfigSections.EnvironmentPrefixes).Should().Be(expected);
    }

    [Theory]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("TAXII2_")]
    [InlineData("TAXII2")]
    [InlineData("DOTNET_ENVIRONMENT")]
    [InlineData("TAXII_ENABLED")]
    public void ToConfigurationPath_NoKnownSection_IsIgnored(string variable)
    {
        SectionEnvironmentVariablesSource.ToConfigurationPath(variable, ConfigSections.EnvironmentPrefixes).Should().BeNull();
    }

    [Fact]
    public void EnvironmentVariable_EveryKnownKey_MapsBackToItsOwnPath()
    {
        foreach (var key in ConfigSections.KnownKeys)
        {
            SectionEnvironmentVariablesSource.ToConfigurationPath(key.EnvironmentVariable, ConfigSections.EnvironmentPrefixes)
                .Should().Be(key.ConfigurationPath, key.DisplayName);
        }
    }

    [Fact]
    public void KnownKeys_EnvironmentVariables_AreUnique()
    {
        ConfigSections.KnownKeys.Select(key => key.EnvironmentVariable).Should().OnlyHaveUniqueItems();
    }
}
