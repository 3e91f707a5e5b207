using System.Text.Json;
using TaxiiConnector.Stix.Markings;

namespace TaxiiConnector.Stix.Tests.Markings;

public sealed class TlpMarkingTests
{
    [Fact]
    public void All_Ids_AreOpenCtiStaticIds()
    {
        TlpMarking.All.Select(m => (m.Name, m.Id)).Should().Equal(
            ("TLP:CLEAR", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
            ("TLP:GREEN", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
            ("TLP:AMBER", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
            ("TLP:AMBER+STRICT", "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37"),
            ("TLP:RED", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"));
    }

    [Fact]
    public void DefinitionJson_WhenShipped_IsAValidMarkingWithItsOwnId()
    {
        foreach (var marking in TlpMarking.All.Where(m => m.DefinitionJson is not null))
        {
            using var document = JsonDocument.Parse(marking.DefinitionJson!);
            document.RootElement.GetProperty("type").GetString().Should().Be("marking-definition");
            document.RootElement.GetProperty("id").GetString().Should().Be(marking.Id);
        }
    }

    [Theory]
    [InlineData("TLP:CLEAR", "TLP:CLEAR")]
    [InlineData("white", "TLP:CLEAR")]
    [InlineData(" tlp:amber+strict ", "TLP:AMBER+STRICT")]
    [InlineData("Green", "TLP:GREEN")]
    public void TryParse_KnownSpellings_Parse(string text, string expected)
    {
        TlpMarking.TryParse(text, out var marking).Should().BeTrue();
        marking.Name.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("TLP:BLUE")]
    public void TryParse_Unknown_ReturnsFalse(string? text)
    {
        TlpMarking.TryParse(text, out _).Should().BeFalse();
    }
}
