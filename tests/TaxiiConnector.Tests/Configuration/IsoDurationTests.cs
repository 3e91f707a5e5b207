using TaxiiConnector.Configuration;

namespace TaxiiConnector.Tests.Configuration;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT60M", 3600)]
    [InlineData("PT1H30M", 5400)]
    [InlineData("P1D", 86400)]
    [InlineData("PT30S", 30)]
    [InlineData("P1DT12H", 129600)]
    [InlineData("P2W", 1209600)]
    [InlineData("PT0.5S", 0.5)]
    [InlineData("PT1H0M0S", 3600)]
    [InlineData("pt15m", 900)]
    [InlineData(" PT5M ", 300)]
    [InlineData("PT0S", 0)]
    public void TryParse_ValidDuration_ReturnsItsLength(string text, double seconds)
    {
        IsoDuration.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("60")]
    [InlineData("60m")]
    [InlineData("PT60")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("PT1H1H")]
    [InlineData("PT30M1H")]
    [InlineData("-PT1H")]
    [InlineData("P1.5D")]
    [InlineData("PT1.5M")]
    [InlineData("PT.5S")]
    [InlineData("PT1..5S")]
    [InlineData("PT5S5")]
    [InlineData("PTT5S")]
    [InlineData("P99999999999999999999D")]
    public void TryParse_InvalidDuration_ReturnsFalse(string text)
    {
        IsoDuration.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(3600, "PT1H")]
    [InlineData(5400, "PT1H30M")]
    [InlineData(86400, "P1D")]
    [InlineData(30, "PT30S")]
    [InlineData(0, "PT0S")]
    public void Format_Duration_RoundTrips(double seconds, string expected)
    {
        var formatted = IsoDuration.Format(TimeSpan.FromSeconds(seconds));

        formatted.Should().Be(expected);
        IsoDuration.TryParse(formatted, out var parsed).Should().BeTrue();
        parsed.Should().Be(TimeSpan.FromSeconds(seconds));
    }
}
