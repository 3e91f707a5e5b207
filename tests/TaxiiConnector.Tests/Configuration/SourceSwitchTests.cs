using TaxiiConnector.Configuration;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>
/// The rule every source section follows: its switches are read strictly and decide whether it is on; the rest of a
/// source that is off is read leniently, so a stray value cannot fail a process that does not run the source.
/// </summary>
public sealed class SourceSwitchTests : IDisposable
{
    private readonly TestConfiguration _config = new();

    public void Dispose() => _config.Dispose();

    [Theory]
    [InlineData("CYBERTHREATEXCHANGE_MAX_PAGES", "0")]
    [InlineData("CYBERTHREATEXCHANGE_BASE_URL", "ftp://ctx")]
    [InlineData("TAXII11_MAX_PARTS", "many")]
    [InlineData("TAXII11_REQUEST_TIMEOUT", "soon")]
    [InlineData("TAXII_PUSH_LISTEN_URL", "http://example.com:5001")]
    [InlineData("TAXII_PUSH_MAX_CONTENT_LENGTH", "1")]
    public void Problems_BadValueInASourceThatIsOff_DoesNotFailStart(string variable, string value)
    {
        _config.Problems(TestConfiguration.With((variable, value))).Should().BeEmpty();
    }

    [Theory]
    [InlineData("CYBERTHREATEXCHANGE_MAX_PAGES", "0", "CYBERTHREATEXCHANGE_API_KEY", "key")]
    [InlineData("CYBERTHREATEXCHANGE_MAX_PAGES", "0", "CYBERTHREATEXCHANGE_FEED_IDS", "feed-1")]
    [InlineData("TAXII11_MAX_PARTS", "many", "TAXII11_POLL_URL", "https://taxii11.example.com/poll/")]
    [InlineData("TAXII_PUSH_LISTEN_URL", "http://example.com:5001", "TAXII_PUSH_ENABLED", "true")]
    public void Problems_BadValueInASourceThatIsOn_NamesTheSetting(string variable, string value, string switchVariable, string switchValue)
    {
        var problems = _config.Problems(TestConfiguration.With((variable, value), (switchVariable, switchValue),
            ("CYBERTHREATEXCHANGE_API_KEY", "key"), ("CYBERTHREATEXCHANGE_FEED_IDS", "feed-1"),
            ("TAXII_PUSH_COLLECTIONS", "c1"), ("TAXII_PUSH_USERS", "alice:pw@*")));

        problems.Should().Contain(line => line.StartsWith(variable + " (", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BooleanSwitchSetToFalse_LeavesTheSourceOff()
    {
        var options = new TaxiiPushOptions();
        options.Read(new ConfigSectionReader(_config.Build(TestConfiguration.With(("TAXII_PUSH_ENABLED", "false")))));

        options.IsEnabled.Should().BeFalse("a boolean switch is on when true, not when merely set");
    }

    [Fact]
    public void Problems_UnreadableSwitch_IsAProblemEvenThoughTheSourceStaysOff()
    {
        var problems = _config.Problems(TestConfiguration.With(("TAXII_PUSH_ENABLED", "perhaps")));

        problems.Should().ContainSingle().Which.Should().StartWith("TAXII_PUSH_ENABLED (taxii_push.enabled)");
    }

    [Fact]
    public void Read_YamlListSwitch_TurnsTheSourceOn()
    {
        var options = new CyberThreatExchangeOptions();
        options.Read(new ConfigSectionReader(_config.Build(yaml: """
            cyberthreatexchange:
              feed_ids: [feed-a, feed-b, FEED-A]
            """)));

        options.IsEnabled.Should().BeTrue();
        options.FeedIds.Should().Equal("feed-a", "feed-b");
    }

    [Fact]
    public void Read_Taxii11Off_KeepsTheDefaultOfAnUnreadableValue()
    {
        var options = new Taxii11Options();
        options.Read(new ConfigSectionReader(_config.Build(TestConfiguration.With(("TAXII11_MAX_PARTS", "many")))));

        options.IsEnabled.Should().BeFalse();
        options.MaxParts.Should().Be(new Taxii11Options().MaxParts);
    }
}
