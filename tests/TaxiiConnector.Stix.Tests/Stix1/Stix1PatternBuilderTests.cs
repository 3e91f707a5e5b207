using TaxiiConnector.Stix.Stix1;

namespace TaxiiConnector.Stix.Tests.Stix1;

public sealed class Stix1PatternBuilderTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"C:\temp\x.exe", @"'C:\\temp\\x.exe'")]
    [InlineData(@"\'", @"'\\\''")]
    public void Quote_SpecialCharacters_EscapedPerStixPatterning(string value, string expected)
    {
        Stix1PatternBuilder.Quote(value).Should().Be(expected);
    }

    [Fact]
    public void RegexLiteral_Metacharacters_AreEscaped()
    {
        Stix1PatternBuilder.RegexLiteral("a.b*c[1]").Should().Be(@"a\.b\*c\[1\]");
    }
}
