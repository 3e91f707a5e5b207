using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Stix.Stix1;
using TaxiiConnector.Stix.Tests.Support;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Stix1;

/// <summary>Converted STIX 1 content goes through the same transformer as TAXII 2 content, and nothing of it is dropped.</summary>
public sealed class Stix1ThroughTransformerTests
{
    [Fact]
    public void Transform_EveryGoldenShape_KeepsEveryConvertedObject()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        var converter = new Stix1Converter(new Stix1ConverterOptions(), time);
        using var page = converter.CreatePage();
        foreach (var xml in Stix1GoldenCases.Packages.Values)
        {
            page.AddPackage(XElement.Parse(xml));
        }

        using var document = page.ToJsonDocument();
        var objects = document.RootElement.EnumerateArray().ToList();
        var transformer = new StixTransformer(TransformDefaults.Create(o => { o.DefaultMarking = "TLP:GREEN"; }), NullLogger<StixTransformer>.Instance, time);

        using var transformed = transformer.Transform(objects);

        transformed.Dropped.Should().BeEmpty();
        transformed.ObjectsOut.Should().BeGreaterThanOrEqualTo(objects.Count);
        for (var i = 0; i < transformed.Count; i++)
        {
            using var json = JsonDocument.Parse(transformed.GetObjectMemory(i));
            if (json.RootElement.GetProperty("type").GetString() == "indicator")
            {
                json.RootElement.GetProperty("pattern_type").GetString().Should().Be("stix");
                json.RootElement.TryGetProperty("object_marking_refs", out _).Should().BeTrue("a default marking applies where STIX 1 had none");
            }
        }
    }
}
