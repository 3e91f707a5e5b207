using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Stix.Stix1;

namespace TaxiiConnector.Stix.Tests.Stix1;

/// <summary>
/// The rest of a package (the golden case "package-ttps-incident-sighting-report" has the whole output): TTPs,
/// incidents, sightings, stand-alone observables, relationships, the report (the elevator's default, which its
/// --no-squirrel-gaps / report options switch) and what is not converted.
/// </summary>
public sealed class Stix1PackageObjectsTests
{
    private static readonly string Xml = Stix1Samples.Package(Stix1Samples.RelatedIndicators, observables: Stix1Samples.PackageObservables, trailer: Stix1Samples.PackageSections);

    [Fact]
    public void AddPackage_SectionsWithoutAStix21Equivalent_CountedByElementType()
    {
        using var page = NewPage(new Stix1ConverterOptions());
        page.AddPackage(XElement.Parse(Xml));
        using var doc = page.ToJsonDocument();

        page.NotConverted.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["TTP"] = 1,
            ["Observable"] = 1,
            ["Exploit_Target"] = 1,
            ["Campaign"] = 1,
        });
    }

    [Fact]
    public void AddPackage_CreateReportOff_NoReport()
    {
        using var page = NewPage(new Stix1ConverterOptions { CreateReport = false });
        page.AddPackage(XElement.Parse(Xml));
        using var doc = page.ToJsonDocument();

        doc.RootElement.EnumerateArray().Should().NotContain(o => o.GetProperty("type").GetString() == "report");
        doc.RootElement.EnumerateArray().Should().Contain(o => o.GetProperty("type").GetString() == "incident");
    }

    [Fact]
    public void AddPackage_SightingWithoutSource_CountedNotInvented()
    {
        var xml = Xml.Replace("<indicator:Source><stixCommon:Identity><stixCommon:Name>Example SOC</stixCommon:Name></stixCommon:Identity></indicator:Source>", string.Empty, StringComparison.Ordinal);
        using var page = NewPage(new Stix1ConverterOptions());
        page.AddPackage(XElement.Parse(xml));
        using var doc = page.ToJsonDocument();

        doc.RootElement.EnumerateArray().Should().NotContain(o => o.GetProperty("type").GetString() == "sighting");
        page.NotConverted.Should().ContainKey("Sighting without source");
    }

    [Fact]
    public void AddPackage_IndicatedTtpInAnotherPackage_NoDanglingRelationship()
    {
        var xml = Stix1Samples.Package(Stix1Samples.RelatedIndicators);
        using var page = NewPage(new Stix1ConverterOptions());
        page.AddPackage(XElement.Parse(xml));
        using var doc = page.ToJsonDocument();

        doc.RootElement.EnumerateArray().Select(RelationshipType).Should().NotContain("indicates");
        page.NotConverted["relationship to an unconverted object"].Should().Be(2);
    }

    private static string? RelationshipType(System.Text.Json.JsonElement o) =>
        o.TryGetProperty("relationship_type", out var type) ? type.GetString() : null;

    private static Stix1Page NewPage(Stix1ConverterOptions options) =>
        new Stix1Converter(options, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero))).CreatePage();
}
