using Xunit.Sdk;

namespace TaxiiConnector.Stix.Tests.Support;

public sealed class JsonAssertTests
{
    [Fact]
    public void Equal_SameContentDifferentPropertyOrder_Passes()
    {
        JsonAssert.Equal("""{"a":1,"b":[1,{"c":"x","d":2.0}]}""", """{"b":[1,{"d":2,"c":"x"}],"a":1.00}"""u8);
    }

    [Theory]
    [InlineData("""{"a":1,"b":2,"c":3}""")]
    [InlineData("""{"a":1,"b":3}""")]
    [InlineData("""{"a":1,"b":"2"}""")]
    [InlineData("""{"a":1}""")]
    [InlineData("""{"a":1,"c":2}""")]
    public void Equal_DifferentContent_Fails(string actual)
    {
        var compare = () => JsonAssert.Equal("""{"a":1,"b":2}""", System.Text.Encoding.UTF8.GetBytes(actual));

        compare.Should().Throw<XunitException>();
    }

    [Fact]
    public void Equal_DifferentArrayOrder_Fails()
    {
        var compare = () => JsonAssert.Equal("""["a","b"]""", """["b","a"]"""u8);

        compare.Should().Throw<XunitException>();
    }
}
