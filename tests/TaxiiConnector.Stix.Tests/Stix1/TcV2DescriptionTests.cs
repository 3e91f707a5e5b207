using TaxiiConnector.Stix.Stix1;

namespace TaxiiConnector.Stix.Tests.Stix1;

public sealed class TcV2DescriptionTests
{
    [Fact]
    public void TryParse_DocumentedColonForm_ReadsPresentFields()
    {
        TcV2Description.TryParse("Host: example.com|threatassess: 450|falsepositives: 1|owner: Finance Branch Log Analysis", out var tc).Should().BeTrue();

        tc!.IndicatorType.Should().Be("Host");
        tc.Value.Should().Be("example.com");
        tc.ThreatAssess.Should().Be(450);
        tc.FalsePositives.Should().Be(1);
        tc.Owner.Should().Be("Finance Branch Log Analysis");
        tc.Description.Should().BeNull();
        tc.Rating.Should().BeNull();
        tc.Score.Should().Be(45);
    }

    [Fact]
    public void TryParse_BriefFormWithBracketsAndPipeInDescription_ReadsEveryField()
    {
        TcV2Description.TryParse("Host example.com|[desc: Seen in | two campaigns]|[src: OSINT]|rating: 3.5|threatassess: 999|falsepositives: 0|owner: ACME Corp", out var tc).Should().BeTrue();

        tc!.Value.Should().Be("example.com");
        tc.Description.Should().Be("Seen in | two campaigns");
        tc.Source.Should().Be("OSINT");
        tc.Rating.Should().Be(3.5);
        tc.Score.Should().Be(100);
        tc.FalsePositives.Should().Be(0);
        tc.Owner.Should().Be("ACME Corp");
    }

    [Fact]
    public void TryParse_RatingWithoutThreatAssess_ScoresRatingTimesTwenty()
    {
        TcV2Description.TryParse("Address 10.0.0.1|rating: 2.0|owner: X", out var tc).Should().BeTrue();

        tc!.Score.Should().Be(40);
    }

    [Fact]
    public void TryParse_FileWithThreeHashes_KeepsJoinedValue()
    {
        TcV2Description.TryParse("File AAA : BBB : CCC|owner: X", out var tc).Should().BeTrue();

        tc!.IndicatorType.Should().Be("File");
        tc.Value.Should().Be("AAA : BBB : CCC");
    }

    [Fact]
    public void TryParse_UrlWithPipes_KeepsPipesInValue()
    {
        TcV2Description.TryParse("URL http://a.example/?q=1|2|owner: X", out var tc).Should().BeTrue();

        tc!.Value.Should().Be("http://a.example/?q=1|2");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A plain analyst description")]
    [InlineData("Host compromised during the incident")]
    [InlineData("Hostname example.com|owner: X")]
    public void TryParse_NotTcV2_ReturnsFalse(string? text)
    {
        TcV2Description.TryParse(text, out var tc).Should().BeFalse();
        tc.Should().BeNull();
    }
}
