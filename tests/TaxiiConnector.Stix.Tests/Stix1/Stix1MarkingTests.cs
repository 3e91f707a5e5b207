using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Stix.Stix1;

namespace TaxiiConnector.Stix.Tests.Stix1;

/// <summary>
/// Data markings (the golden case "markings-ais-tou-scoped" has the whole output): AIS as python-stix's
/// stix.extensions.marking.ais defines it (consent and TLP under Is_Proprietary/Not_Proprietary, applied to
/// <c>//node() | //@*</c>), terms of use, simple statements, Controlled_Structure scoping, inheritance.
/// </summary>
public sealed class Stix1MarkingTests
{
    private const string Green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
    private const string Amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

    [Fact]
    public void AddPackage_UnknownMarkingStructure_ReportedByNameAndOthersKept()
    {
        using var page = NewPage();
        page.AddPackage(XElement.Parse(Stix1Samples.Package(Stix1Samples.MarkedIndicators, header: Stix1Samples.AisHeader)));
        using var doc = page.ToJsonDocument();

        page.UnconvertibleMarkings.Should().Equal("ISAMarkingsType");
        Markings(doc, "inherits.example").Should().StartWith(Green);
    }

    [Fact]
    public void AddPackage_ObjectLevelScopeSelectingOnlyATitle_DoesNotMarkTheIndicator()
    {
        var indicators = Stix1Samples.MarkedIndicators.Replace(
            "../../../descendant-or-self::node() | ../../../descendant-or-self::node()/@*",
            "../../../*[local-name()='Title']",
            StringComparison.Ordinal);
        using var page = NewPage();
        page.AddPackage(XElement.Parse(Stix1Samples.Package(indicators, header: Stix1Samples.AisHeader)));
        using var doc = page.ToJsonDocument();

        Markings(doc, "own.example").Should().StartWith(Green).And.NotContain(Amber);
    }

    [Fact]
    public void AddPackage_ObjectMarkingWithoutControlledStructure_CoversItsObject()
    {
        var indicators = Stix1Samples.MarkedIndicators.Replace(
            "<marking:Controlled_Structure>../../../descendant-or-self::node() | ../../../descendant-or-self::node()/@*</marking:Controlled_Structure>",
            string.Empty,
            StringComparison.Ordinal);
        using var page = NewPage();
        page.AddPackage(XElement.Parse(Stix1Samples.Package(indicators)));
        using var doc = page.ToJsonDocument();

        Markings(doc, "own.example").Should().StartWith(Amber);
        Markings(doc, "inherits.example").Should().BeEmpty();
    }

    [Fact]
    public void AddPackage_ControlledStructureNotXPath_ReportedAndTheMarkingCoversItsContainer()
    {
        var header = Stix1Samples.AisHeader.Replace("//node() | //@*", "//node([", StringComparison.Ordinal);
        using var page = NewPage();
        page.AddPackage(XElement.Parse(Stix1Samples.Package(Stix1Samples.MarkedIndicators, header: header)));
        using var doc = page.ToJsonDocument();

        page.UnconvertibleMarkings.Should().Contain("Controlled_Structure that is not an XPath node set");
        Markings(doc, "inherits.example").Should().StartWith(Green);
    }

    private static Stix1Page NewPage() =>
        new Stix1Converter(new Stix1ConverterOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero))).CreatePage();

    private static List<string?> Markings(JsonDocument doc, string domain)
    {
        var indicator = doc.RootElement.EnumerateArray().Single(o => o.GetProperty("type").GetString() == "indicator" && o.GetProperty("name").GetString() == domain);
        return indicator.TryGetProperty("object_marking_refs", out var refs) ? refs.EnumerateArray().Select(r => r.GetString()).ToList() : [];
    }
}
