using System.Text;
using TaxiiConnector.Pipeline.Cleanup;

namespace TaxiiConnector.Tests.Pipeline.Cleanup;

public sealed class SupportedStixTypesTests
{
    [Theory]
    [InlineData("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", true)]
    [InlineData("relationship--1", true)]
    [InlineData("x-mitre-data-source--1", true)]
    [InlineData("ipv4-addr--1", true)]
    [InlineData("pir--1", true)]
    [InlineData("x-acme-widget--1", false)]
    [InlineData("Indicator--1", false)]
    [InlineData("indicato--1", false)]
    [InlineData("indicatorr--1", false)]
    [InlineData("--1", false)]
    [InlineData("indicator", true)]
    [InlineData("not an id", true)]
    [InlineData("", true)]
    [InlineData("indicator-1", true)]
    public void IsAsciiIdSupported_AgreesWithTheStringForm(string id, bool supported)
    {
        SupportedStixTypes.IsIdSupported(id).Should().Be(supported);
        SupportedStixTypes.IsAsciiIdSupported(Encoding.ASCII.GetBytes(id)).Should().Be(supported);
    }

    [Fact]
    public void IsAsciiIdSupported_EveryTypeOfTheTable()
    {
        string[] types = ["label", "attack-pattern", "x-opencti-case-incident", "malware-analysis", "publicdashboard",
            "windows-registry-value-type", "cryptocurrency-wallet", "tracking-number", "ssh-key", "sighting"];

        foreach (var type in types)
        {
            SupportedStixTypes.IsSupportedType(type).Should().BeTrue();
            SupportedStixTypes.IsAsciiIdSupported(Encoding.ASCII.GetBytes(type + "--0")).Should().BeTrue(type);
        }
    }

    [Fact]
    public void IsAsciiIdSupported_LongUnknownPrefix_NotSupported()
    {
        var id = new string('x', 200) + "--1";

        SupportedStixTypes.IsAsciiIdSupported(Encoding.ASCII.GetBytes(id)).Should().BeFalse();
    }
}
