using TaxiiConnector.Sources.CyberThreatExchange;

namespace TaxiiConnector.Tests.CyberThreatExchange;

public sealed class CyberThreatExchangeOptionsTests
{
    [Theory]
    [InlineData("https://api.cyberthreatexchange.com", "https://api.cyberthreatexchange.com/")]
    [InlineData("https://api.cyberthreatexchange.com/", "https://api.cyberthreatexchange.com/")]
    [InlineData("https://api.cyberthreatexchange.com///", "https://api.cyberthreatexchange.com/")]
    [InlineData(" https://host/prefix/api ", "https://host/prefix/api/")]
    public void BaseUri_AnyNumberOfTrailingSlashes_HasExactlyOne(string configured, string expected)
    {
        var options = new CyberThreatExchangeOptions { BaseUrl = configured };

        options.BaseUri.AbsoluteUri.Should().Be(expected);
    }

    [Fact]
    public void Validate_EnabledWithoutApiKey_NamesTheEnvironmentVariableAndYamlKey()
    {
        var result = Validate(new CyberThreatExchangeOptions { FeedIds = ["feed-1"] });

        result.Should().ContainSingle().Which.Should().Contain("CYBERTHREATEXCHANGE_API_KEY (cyberthreatexchange.api_key)");
    }

    [Fact]
    public void Validate_EnabledWithoutFeedIds_NamesTheEnvironmentVariableAndYamlKey()
    {
        var result = Validate(new CyberThreatExchangeOptions { ApiKey = "k" });

        result.Should().ContainSingle().Which.Should().Contain("CYBERTHREATEXCHANGE_FEED_IDS (cyberthreatexchange.feed_ids)");
    }

    [Theory]
    [InlineData("ftp://api.cyberthreatexchange.com/", "CYBERTHREATEXCHANGE_BASE_URL (cyberthreatexchange.base_url)")]
    [InlineData("not a url", "CYBERTHREATEXCHANGE_BASE_URL (cyberthreatexchange.base_url)")]
    public void Validate_BadBaseUrl_NamesTheKey(string baseUrl, string expected)
    {
        var result = Validate(new CyberThreatExchangeOptions { ApiKey = "k", FeedIds = ["f"], BaseUrl = baseUrl });

        result.Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Fact]
    public void Validate_IntervalBelowOneHour_NamesTheKey()
    {
        var result = Validate(new CyberThreatExchangeOptions { ApiKey = "k", FeedIds = ["f"], IntervalHours = 0 });

        result.Should().ContainSingle().Which.Should().Contain("CYBERTHREATEXCHANGE_INTERVAL_HOURS (cyberthreatexchange.interval_hours)").And.Contain("at least 1");
    }

    [Fact]
    public void Validate_CreateAuthorWithoutName_NamesBothKeys()
    {
        var options = new CyberThreatExchangeOptions { ApiKey = "k", FeedIds = ["f"] };
        options.Transform.CreateAuthor = true;

        var result = Validate(options);

        result.Should().ContainSingle().Which.Should().Contain("CYBERTHREATEXCHANGE_AUTHOR_NAME").And.Contain("cyberthreatexchange.create_author");
    }

    [Fact]
    public void Validate_UnknownMarking_NamesTheKey()
    {
        var options = new CyberThreatExchangeOptions { ApiKey = "k", FeedIds = ["f"] };
        options.Transform.DefaultMarking = "TLP:PURPLE";

        Validate(options).Should().ContainSingle().Which.Should().Contain("CYBERTHREATEXCHANGE_DEFAULT_MARKING (cyberthreatexchange.default_marking)");
    }

    [Fact]
    public void Validate_SectionNotEnabled_IsNotChecked()
    {
        var options = new CyberThreatExchangeOptions { BaseUrl = "not a url" };

        options.IsEnabled.Should().BeFalse();
        Validate(options).Should().BeEmpty();
    }

    [Fact]
    public void Validate_MessagesNeverQuoteTheApiKey()
    {
        var options = new CyberThreatExchangeOptions { ApiKey = "secret-value-123", FeedIds = [], BaseUrl = "bad", IntervalHours = 0 };

        Validate(options).Should().HaveCount(3).And.AllSatisfy(message => message.Should().NotContain("secret-value-123"));
    }

    private static IReadOnlyList<string> Validate(CyberThreatExchangeOptions options) =>
        new CyberThreatExchangeOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
}
