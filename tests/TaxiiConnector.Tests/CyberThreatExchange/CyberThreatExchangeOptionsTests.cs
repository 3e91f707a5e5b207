using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Hosting;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.CyberThreatExchange;

/// <summary>The <c>cyberthreatexchange</c> section read from environment and config.yml, and its start-up problems.</summary>
public sealed class CyberThreatExchangeOptionsTests : IDisposable
{
    private static readonly Dictionary<string, string?> OpenCti = new()
    {
        ["OPENCTI_URL"] = "http://opencti:8080",
        ["OPENCTI_TOKEN"] = "0b23f787-d013-41a8-8078-97bee84cc99d",
        ["CONNECTOR_ID"] = "5c1b0a4e-6b88-4f0b-9c55-7f0e1d2c3b4a",
    };

    private readonly TestConfiguration _configuration = new();

    public void Dispose() => _configuration.Dispose();

    [Theory]
    [InlineData("https://api.cyberthreatexchange.com", "https://api.cyberthreatexchange.com/")]
    [InlineData("https://api.cyberthreatexchange.com/", "https://api.cyberthreatexchange.com/")]
    [InlineData("https://api.cyberthreatexchange.com///", "https://api.cyberthreatexchange.com/")]
    [InlineData(" https://host/prefix/api ", "https://host/prefix/api/")]
    public void Read_BaseUrlWithAnyNumberOfTrailingSlashes_HasExactlyOne(string configured, string expected)
    {
        var options = Read(("CYBERTHREATEXCHANGE_BASE_URL", configured));

        options.BaseUrl.Should().Be(expected);
        options.BaseUri.AbsoluteUri.Should().Be(expected);
    }

    [Fact]
    public void Read_OnlyTheSection_RunsThisSourceAloneWithTheSeedsDefaults()
    {
        var environment = Env(("CYBERTHREATEXCHANGE_API_KEY", "key"), ("CYBERTHREATEXCHANGE_FEED_IDS", " f0895eb3-7d90-4b45-8664-a7e157ba880f , b63c638e-43e6-43d4-bfac-5b71c264b132,"));

        _configuration.Problems(environment).Should().BeEmpty("a process may run Cyber Threat Exchange alone, without a TAXII 2 discovery URL");
        var options = Read(environment);
        options.IsEnabled.Should().BeTrue();
        options.BaseUrl.Should().Be("https://api.cyberthreatexchange.com/");
        options.FeedIds.Should().Equal("f0895eb3-7d90-4b45-8664-a7e157ba880f", "b63c638e-43e6-43d4-bfac-5b71c264b132");
        options.Interval.Should().Be(TimeSpan.FromHours(1));
        options.InitialHistoryHours.Should().Be(0);
        options.MaxPages.Should().Be(10_000);
    }

    [Fact]
    public void Read_YamlSection_IsReadLikeTheEnvironment()
    {
        var configuration = _configuration.Build(yaml: """
            cyberthreatexchange:
              base_url: https://ctx.example.com/api
              api_key: from-yaml
              feed_ids: feed-a,feed-b
              interval_hours: 12
              initial_history: 48
              default_marking: TLP:AMBER
            """);
        var options = new CyberThreatExchangeOptions();
        options.Read(new ConfigSectionReader(configuration));

        options.BaseUrl.Should().Be("https://ctx.example.com/api/");
        options.ApiKey.Should().Be("from-yaml");
        options.FeedIds.Should().Equal("feed-a", "feed-b");
        options.Interval.Should().Be(TimeSpan.FromHours(12));
        options.InitialHistoryHours.Should().Be(48);
        options.TransformSettings.DefaultMarking.Should().Be("TLP:AMBER");
    }

    [Fact]
    public void Problems_FeedIdsWithoutApiKey_NameTheEnvironmentVariableAndYamlKey()
    {
        var problems = _configuration.Problems(Env(("CYBERTHREATEXCHANGE_FEED_IDS", "feed-1")));

        problems.Should().ContainSingle().Which.Should().Contain("CYBERTHREATEXCHANGE_API_KEY (cyberthreatexchange.api_key)").And.Contain("is required");
    }

    [Fact]
    public void Problems_ApiKeyWithoutFeedIds_NameTheEnvironmentVariableAndYamlKey()
    {
        var problems = _configuration.Problems(Env(("CYBERTHREATEXCHANGE_API_KEY", "secret-value-123"), ("CYBERTHREATEXCHANGE_FEED_IDS", " , ")));

        problems.Should().ContainSingle().Which.Should().Contain("CYBERTHREATEXCHANGE_FEED_IDS (cyberthreatexchange.feed_ids)").And.Contain("at least one feed id");
    }

    [Theory]
    [InlineData("CYBERTHREATEXCHANGE_BASE_URL", "ftp://api.cyberthreatexchange.com/", "CYBERTHREATEXCHANGE_BASE_URL (cyberthreatexchange.base_url)")]
    [InlineData("CYBERTHREATEXCHANGE_BASE_URL", "not a url", "CYBERTHREATEXCHANGE_BASE_URL (cyberthreatexchange.base_url)")]
    [InlineData("CYBERTHREATEXCHANGE_INTERVAL_HOURS", "0", "CYBERTHREATEXCHANGE_INTERVAL_HOURS (cyberthreatexchange.interval_hours)")]
    [InlineData("CYBERTHREATEXCHANGE_INTERVAL_HOURS", "yes", "CYBERTHREATEXCHANGE_INTERVAL_HOURS (cyberthreatexchange.interval_hours)")]
    [InlineData("CYBERTHREATEXCHANGE_INITIAL_HISTORY", "-1", "CYBERTHREATEXCHANGE_INITIAL_HISTORY (cyberthreatexchange.initial_history)")]
    [InlineData("CYBERTHREATEXCHANGE_MAX_PAGES", "0", "CYBERTHREATEXCHANGE_MAX_PAGES (cyberthreatexchange.max_pages)")]
    [InlineData("CYBERTHREATEXCHANGE_DEFAULT_MARKING", "TLP:PURPLE", "CYBERTHREATEXCHANGE_DEFAULT_MARKING (cyberthreatexchange.default_marking)")]
    [InlineData("CYBERTHREATEXCHANGE_CREATE_AUTHOR", "true", "CYBERTHREATEXCHANGE_AUTHOR_NAME (cyberthreatexchange.author_name)")]
    public void Problems_BadValueInAnEnabledSection_OneLineNamingTheKey(string variable, string value, string expected)
    {
        var problems = _configuration.Problems(Env(("CYBERTHREATEXCHANGE_API_KEY", "secret-value-123"), ("CYBERTHREATEXCHANGE_FEED_IDS", "feed-1"), (variable, value)));

        problems.Should().ContainSingle().Which.Should().Contain(expected).And.NotContain("secret-value-123");
    }

    [Fact]
    public void Problems_SectionOff_BadValuesAreNotChecked()
    {
        var environment = Env(("CYBERTHREATEXCHANGE_BASE_URL", "not a url"), ("CYBERTHREATEXCHANGE_INTERVAL_HOURS", "0"), ("TAXII2_DISCOVERY_URL", "https://taxii.example.com/taxii2/"));

        _configuration.Problems(environment).Should().BeEmpty();
        Read(environment).IsEnabled.Should().BeFalse();
    }

    [Fact]
    public void Problems_NoSourceAtAll_NameThisSourcesSwitchToo()
    {
        var problems = _configuration.Problems(Env());

        problems.Should().ContainSingle(p => p.Contains("TAXII2_DISCOVERY_URL", StringComparison.Ordinal))
            .Which.Should().Contain("CYBERTHREATEXCHANGE_API_KEY");
    }

    [Fact]
    public void AddCyberThreatExchangeSource_SectionOn_RegistersTheSourceWithValidatedOptions()
    {
        var invocation = _configuration.Invocation(Env(("CYBERTHREATEXCHANGE_API_KEY", "key"), ("CYBERTHREATEXCHANGE_FEED_IDS", "feed-1")));
        var configuration = ConnectorConfiguration.Build(invocation);
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddConnectorCore(configuration, invocation)
            .AddCyberThreatExchangeSource(configuration)
            .BuildServiceProvider();

        provider.GetServices<IConnectorSource>().Should().ContainSingle().Which.Name.Should().Be("cyberthreatexchange");
        provider.GetRequiredService<IOptions<CyberThreatExchangeOptions>>().Value.FeedIds.Should().Equal("feed-1");
    }

    [Fact]
    public void AddCyberThreatExchangeSource_SectionOff_RegistersNothing()
    {
        var configuration = _configuration.Build(Env(("TAXII2_DISCOVERY_URL", "https://taxii.example.com/taxii2/")));
        using var provider = new ServiceCollection().AddLogging().AddCyberThreatExchangeSource(configuration).BuildServiceProvider();

        provider.GetServices<IConnectorSource>().Should().BeEmpty();
    }

    private CyberThreatExchangeOptions Read(params (string Name, string? Value)[] environment) => Read(Env(environment));

    private CyberThreatExchangeOptions Read(Dictionary<string, string?> environment)
    {
        var options = new CyberThreatExchangeOptions();
        options.Read(new ConfigSectionReader(_configuration.Build(environment)));
        return options;
    }

    private static Dictionary<string, string?> Env(params (string Name, string? Value)[] values)
    {
        var environment = new Dictionary<string, string?>(OpenCti);
        foreach (var (name, value) in values)
            environment[name] = value;
        return environment;
    }
}
