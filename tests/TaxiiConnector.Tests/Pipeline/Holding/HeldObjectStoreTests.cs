using TaxiiConnector.Pipeline.Holding;

namespace TaxiiConnector.Tests.Pipeline.Holding;

public sealed class HeldObjectStoreTests
{
    [Fact]
    public void DirectoryName_StateKey_IsTheNameEarlierVersionsGaveIt()
    {
        // The id hash changed (issue 18): the spool directory's name must not, or an upgrade would lose held objects.
        HeldObjectStore.DirectoryName("https://taxii.example/api1/|collection-1").Should().Be("7ca69dca89a4a4c4");
    }

    [Theory]
    [InlineData("malware--00000000-0000-4000-8000-000000000001")]
    [InlineData("malware--0000000\u00e9-0000-4000-8000-00000000000b")]
    public void OfAscii_AsciiId_IsTheHashOfItsString(string id)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(id);
        if (System.Text.Ascii.IsValid(utf8))
        {
            IdHash.OfAscii(utf8).Should().Be(IdHash.Of(id));
        }

        IdHash.OfUtf8(utf8).Should().Be(IdHash.Of(id));
    }
}
