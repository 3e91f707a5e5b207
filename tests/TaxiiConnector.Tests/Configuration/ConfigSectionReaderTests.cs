using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration;

namespace TaxiiConnector.Tests.Configuration;

public sealed class ConfigSectionReaderTests
{
    private static readonly ConfigKey Flag = new("taxii2", "verify_ssl", "true", "test flag");
    private static readonly ConfigKey Items = new("taxii2", "labels_to_exclude", "", "test list");
    private static readonly ConfigKey DefaultItems = new("taxii2", "indicator_high_score_labels", "high", "test list");
    private static readonly ConfigKey Number = new("taxii2", "initial_history", "24", "test number");
    private static readonly ConfigKey Url = new("taxii2", "discovery_url", "", "test url");
    private static readonly ConfigKey Secret = new("taxii2", "token", "", "test secret") { IsSecret = true };
    private static readonly ConfigKey Period = new("connector", "duration_period", "PT60M", "test duration");

    private static ConfigSectionReader Reader(params (string Path, string? Value)[] values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Path, v.Value))).Build());

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("YES", true)]
    [InlineData("1", true)]
    [InlineData(" true ", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    public void GetBool_AcceptedSpelling_ParsesCaseInsensitively(string text, bool expected)
    {
        var reader = Reader(("taxii2:verify_ssl", text));

        reader.GetBool(Flag).Should().Be(expected);
        reader.Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("truthy")]
    [InlineData("on")]
    [InlineData("2")]
    [InlineData("FALSE!")]
    [InlineData("y")]
    public void GetBool_OtherText_IsAProblemNamingEnvVarAndYamlKey(string text)
    {
        var reader = Reader(("taxii2:verify_ssl", text));

        reader.GetBool(Flag).Should().BeTrue("the default applies to a value that is not a boolean");
        reader.Problems.Should().ContainSingle();
        var line = reader.Problems[0].ToString();
        line.Should().Contain("TAXII2_VERIFY_SSL").And.Contain("taxii2.verify_ssl").And.Contain($"'{text}'");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void GetBool_UnsetOrBlank_ReturnsDefault(string? text)
    {
        var reader = Reader(("taxii2:verify_ssl", text));

        reader.GetBool(Flag).Should().BeTrue();
        reader.Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData(" a , b ,c ", new[] { "a", "b", "c" })]
    [InlineData("a,,b,", new[] { "a", "b" })]
    [InlineData("single", new[] { "single" })]
    [InlineData(" , ,", new string[0])]
    public void GetList_CommaSeparated_TrimsAndDropsEmptyItems(string text, string[] expected)
    {
        Reader(("taxii2:labels_to_exclude", text)).GetList(Items).Should().Equal(expected);
    }

    [Fact]
    public void GetList_Unset_EmptyDefaultIsAnEmptyList()
    {
        Reader().GetList(Items).Should().BeEmpty();
    }

    [Fact]
    public void GetList_Unset_ReturnsDocumentedDefault()
    {
        Reader().GetList(DefaultItems).Should().Equal("high");
    }

    [Fact]
    public void GetList_YamlSequence_ReadsItems()
    {
        var reader = Reader(("taxii2:labels_to_exclude:0", " x "), ("taxii2:labels_to_exclude:1", "y"));

        reader.GetList(Items).Should().Equal("x", "y");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12.5")]
    [InlineData("")]
    public void GetOptionalInt_NotANumber_ReportsOrDefaults(string text)
    {
        var reader = Reader(("taxii2:initial_history", text));

        reader.GetOptionalInt(Number, 0).Should().Be(text.Length == 0 ? 24 : null);
        reader.Problems.Should().HaveCount(text.Length == 0 ? 0 : 1);
    }

    [Fact]
    public void GetOptionalInt_OutOfRange_IsAProblem()
    {
        var reader = Reader(("taxii2:initial_history", "-1"));

        reader.GetOptionalInt(Number, 0);

        reader.Problems.Should().ContainSingle().Which.ToString().Should().Contain("TAXII2_INITIAL_HISTORY").And.Contain("at least 0");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://taxii.example.com/")]
    [InlineData("/taxii2/")]
    public void GetUri_NotAnAbsoluteHttpUrl_IsAProblem(string text)
    {
        var reader = Reader(("taxii2:discovery_url", text));

        reader.GetUri(Url).Should().BeNull();
        reader.Problems.Should().ContainSingle().Which.ToString()
            .Should().Contain("TAXII2_DISCOVERY_URL").And.Contain("taxii2.discovery_url").And.Contain("URL");
    }

    [Fact]
    public void GetUri_HttpsUrl_ReturnsIt()
    {
        Reader(("taxii2:discovery_url", "https://taxii.example.com/taxii2/")).GetUri(Url)
            .Should().Be(new Uri("https://taxii.example.com/taxii2/"));
    }

    [Fact]
    public void GetBool_SecretKeyWithBadValue_DoesNotQuoteTheValue()
    {
        var reader = Reader(("taxii2:token", "s3cr3t-value"));

        reader.GetBool(Secret);

        reader.Problems.Should().ContainSingle().Which.ToString().Should().NotContain("s3cr3t-value");
    }

    [Fact]
    public void GetUri_InvalidUrlWithCredentials_DoesNotQuoteThem()
    {
        var reader = Reader(("taxii2:discovery_url", "ftp://alice:hunter2@taxii.example.com/"));

        reader.GetUri(Url);

        reader.Problems.Should().ContainSingle().Which.ToString().Should().NotContain("hunter2").And.Contain("taxii.example.com");
    }

    [Theory]
    [InlineData("PT60M", 3600)]
    [InlineData("P1D", 86400)]
    public void GetDuration_Iso8601_Parses(string text, int seconds)
    {
        Reader(("connector:duration_period", text)).GetDuration(Period).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("60")]
    [InlineData("1h")]
    [InlineData("PT")]
    public void GetDuration_Invalid_IsAProblemNamingBothNames(string text)
    {
        var reader = Reader(("connector:duration_period", text));

        reader.GetDuration(Period).Should().BeNull();
        reader.Problems.Should().ContainSingle().Which.ToString()
            .Should().Contain("CONNECTOR_DURATION_PERIOD").And.Contain("connector.duration_period").And.Contain("ISO-8601");
    }
}
