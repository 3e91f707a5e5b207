using TaxiiConnector.Stix.Patterns;

namespace TaxiiConnector.Stix.Tests.Patterns;

public sealed class StixPatternScannerTests
{
    [Theory]
    [InlineData("[ipv4-addr:value = '1.2.3.4']", "ipv4-addr")]
    [InlineData("  ( [ url:value = 'x' ] )", "url")]
    [InlineData("[x-opencti-hostname:value = 'h']", "x-opencti-hostname")]
    public void TryGetFirstObjectType_Pattern_ReturnsType(string pattern, string expected)
    {
        StixPatternScanner.TryGetFirstObjectType(pattern, out var type).Should().BeTrue();
        type.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("no brackets")]
    [InlineData("'[ipv4-addr:value' = 'x'")]
    [InlineData("[novalue]")]
    [InlineData("")]
    public void TryGetFirstObjectType_NoComparison_ReturnsFalse(string pattern)
    {
        StixPatternScanner.TryGetFirstObjectType(pattern, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("[url:value = 'a AND b']", false, "a AND b")]
    [InlineData("[url:value = 'it\\'s OR not']", false, "it's OR not")]
    [InlineData("[url:value = 'back\\\\slash'] ", false, "back\\slash")]
    [InlineData("[url:value = 'a' AND url:value = 'b']", true, "b")]
    [InlineData("[url:value = 'a']OR[url:value = 'b']", true, "b")]
    [InlineData("[a:b = 'x'] FOLLOWEDBY [a:b = 'y'] WITHIN 5 SECONDS", true, "y")]
    [InlineData("[file:hashes.'SHA-256' = 'ff']", false, "ff")]
    [InlineData("[x_and:or_y = 5]", false, null)]
    [InlineData("[url:value = 'unterminated", false, "unterminated")]
    public void Analyze_Pattern_FindsCombinatorsOutsideQuotes(string pattern, bool compound, string? literal)
    {
        var shape = StixPatternScanner.Analyze(pattern);

        shape.IsCompound.Should().Be(compound);
        shape.LastQuotedValue.Should().Be(literal);
    }
}
