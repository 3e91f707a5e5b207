using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Stix.Stix1;

namespace TaxiiConnector.Stix.Tests.Stix1;

public sealed class Stix1ConverterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void AddPackage_GoldenShape_ProducesExpectedObjects(string name)
    {
        using var actual = Convert(Stix1GoldenCases.Packages[name]);
        using var expected = JsonDocument.Parse(Stix1Goldens.Expected[name]);

        var actualObjects = actual.RootElement.EnumerateArray().ToList();
        var expectedObjects = expected.RootElement.EnumerateArray().ToList();
        actualObjects.Select(o => o.GetProperty("id").GetString()).Should().Equal(expectedObjects.Select(o => o.GetProperty("id").GetString()));
        for (var i = 0; i < expectedObjects.Count; i++)
        {
            JsonElement.DeepEquals(actualObjects[i], expectedObjects[i]).Should().BeTrue(
                "object {0} should be {1} but was {2}", i, expectedObjects[i].GetRawText(), actualObjects[i].GetRawText());
            if (actualObjects[i].TryGetProperty("pattern", out var pattern))
            {
                Stix1PatternFidelityTests.AssertScannerAccepts(pattern.GetString()!);
            }
        }
    }

    public static TheoryData<string> GoldenNames => Stix1GoldenCases.Names;

    [Fact]
    public void AddPackage_ProducerAcmeCorp_UsesOpenCtiDeterministicIdentityId()
    {
        using var doc = Convert(Stix1Samples.Package(Stix1Samples.TcHostFull));

        var identity = doc.RootElement.EnumerateArray().Single(o => o.GetProperty("type").GetString() == "identity");
        identity.GetProperty("id").GetString().Should().Be("identity--542072da-8b33-50bf-810b-d9cfd2a0bc69");
        identity.GetProperty("name").GetString().Should().Be("ACME Corp");
        Indicator(doc).GetProperty("created_by_ref").GetString().Should().Be("identity--542072da-8b33-50bf-810b-d9cfd2a0bc69");
    }

    [Fact]
    public void AddPackage_SamePackageTwice_SameIdsAndContent()
    {
        var xml = Stix1Samples.Package(Stix1Samples.TcFileHashes + Stix1Samples.IpWatchlistList);

        using var first = Convert(xml);
        using var second = Convert(xml);

        JsonElement.DeepEquals(first.RootElement, second.RootElement).Should().BeTrue("a re-poll must upsert the same objects, not create new ones");
    }

    [Fact]
    public void AddPackage_PatternIdsWithPerTransmissionStix1Ids_SameIndicatorId()
    {
        var options = new Stix1ConverterOptions { IndicatorIds = Stix1IndicatorIdSource.Pattern };
        var renamed = Stix1Samples.TcHostColon.Replace("3b1f0a52-7c1d-4a8e-9a43-0f2d1c6e5b01", "99999999-7c1d-4a8e-9a43-0f2d1c6e5b01", StringComparison.Ordinal);

        using var first = Convert(Stix1Samples.Package(Stix1Samples.TcHostColon), options);
        using var second = Convert(Stix1Samples.Package(renamed), options);
        using var byStix1Id = Convert(Stix1Samples.Package(renamed));

        var id = Indicator(first).GetProperty("id").GetString();
        Indicator(second).GetProperty("id").GetString().Should().Be(id);
        id.Should().Be(PyctiIndicatorId("[domain-name:value = 'bad-domain.example']"));
        Indicator(byStix1Id).GetProperty("id").GetString().Should().NotBe(Indicator(Convert(Stix1Samples.Package(Stix1Samples.TcHostColon))).GetProperty("id").GetString());
    }

    [Fact]
    public void AddPackage_CreateObservablesOff_WritesOnlyIdentityAndIndicator()
    {
        using var doc = Convert(Stix1Samples.Package(Stix1Samples.TcAddressIpv4), new Stix1ConverterOptions { CreateObservables = false });

        doc.RootElement.EnumerateArray().Select(o => o.GetProperty("type").GetString()).Should().Equal("identity", "indicator", "report");
    }

    [Fact]
    public void AddPackage_TcV2ParsingOff_KeepsRawDescriptionAndProducerAsAuthor()
    {
        using var doc = Convert(Stix1Samples.Package(Stix1Samples.TcHostColon), new Stix1ConverterOptions { ParseTcV2Descriptions = false });

        var indicator = Indicator(doc);
        indicator.GetProperty("description").GetString().Should().Be("Host: bad-domain.example|threatassess: 450|falsepositives: 1|owner: Example Owner");
        indicator.TryGetProperty("x_opencti_score", out _).Should().BeFalse();
        indicator.TryGetProperty("labels", out _).Should().BeFalse();
        doc.RootElement.EnumerateArray().Single(o => o.GetProperty("type").GetString() == "identity")
            .GetProperty("name").GetString().Should().Be("ThreatConnect - Example Owner");
    }

    [Fact]
    public void AddPackage_UnconvertibleIndicators_AreSkippedWithCountedReasonsAndOthersConverted()
    {
        var converter = new Stix1Converter(new Stix1ConverterOptions(), new FakeTimeProvider(Now));
        using var page = converter.CreatePage();

        page.AddPackage(XElement.Parse(Stix1Samples.Package(Stix1Samples.TcHostColon + Stix1Samples.Unconvertible + Stix1Samples.TcAddressIpv4)));
        using var doc = page.ToJsonDocument();

        page.IndicatorCount.Should().Be(2);
        page.SkippedCount.Should().Be(6);
        page.SkipReasons.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["negated indicator"] = 1,
            ["indicator without observable"] = 1,
            ["unsupported constraint EmailMessage.Raw_Header"] = 1,
            ["MD5 value is not hexadecimal"] = 1,
            ["unsupported condition DoesNotContain"] = 1,
            ["unsupported constraint File.Device_Path"] = 1,
        });
        doc.RootElement.EnumerateArray().Count(o => o.GetProperty("type").GetString() == "indicator").Should().Be(2);
        page.ObjectCount.Should().Be(doc.RootElement.GetArrayLength());
    }

    [Fact]
    public void AddPackage_SeveralPackagesOnOnePage_WritesSharedIdentityAndObservableOnce()
    {
        var converter = new Stix1Converter(new Stix1ConverterOptions(), new FakeTimeProvider(Now));
        using var page = converter.CreatePage();

        page.AddPackage(XElement.Parse(Stix1Samples.Package(Stix1Samples.TcHostColon)));
        page.AddPackage(XElement.Parse(Stix1Samples.Package(Stix1Samples.TcHostColon.Replace("3b1f0a52-7c1d", "44444444-7c1d", StringComparison.Ordinal))));
        using var doc = page.ToJsonDocument();

        var types = doc.RootElement.EnumerateArray().Select(o => o.GetProperty("type").GetString()).ToList();
        types.Count(t => t == "identity").Should().Be(1);
        types.Count(t => t == "domain-name").Should().Be(1);
        types.Count(t => t == "indicator").Should().Be(2);
        types.Count(t => t == "relationship").Should().Be(2);
        doc.RootElement.EnumerateArray().Select(o => o.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void AddPackage_NoTimestampsAnywhere_UsesTimeProvider()
    {
        var xml = $"""
            <stix:STIX_Package {Stix1Samples.Namespaces} version="1.1.1"><stix:Indicators>
              <stix:Indicator id="x:Indicator-1"><indicator:Observable><cybox:Object><cybox:Properties xsi:type="URIObj:URIObjectType"><URIObj:Value>http://x.example/</URIObj:Value></cybox:Properties></cybox:Object></indicator:Observable></stix:Indicator>
            </stix:Indicators></stix:STIX_Package>
            """;

        using var doc = Convert(xml);

        Indicator(doc).GetProperty("created").GetString().Should().Be("2026-11-24T00:00:00.000Z");
        Indicator(doc).GetProperty("valid_from").GetString().Should().Be("2026-11-24T00:00:00.000Z");
    }

    [Fact]
    public void AddPackage_NestedComposition_ParenthesisesTheInnerExpression()
    {
        const string indicator = """
            <stix:Indicator id="x:Indicator-nested" timestamp="2026-11-19T16:10:00.000Z">
              <indicator:Observable>
                <cybox:Observable_Composition operator="AND">
                  <cybox:Observable><cybox:Observable_Composition operator="OR">
                    <cybox:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>a.example</cyboxDN:Value></cybox:Properties></cybox:Object></cybox:Observable>
                    <cybox:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>b.example</cyboxDN:Value></cybox:Properties></cybox:Object></cybox:Observable>
                  </cybox:Observable_Composition></cybox:Observable>
                  <cybox:Observable><cybox:Object><cybox:Properties xsi:type="URIObj:URIObjectType"><URIObj:Value>http://c.example/</URIObj:Value></cybox:Properties></cybox:Object></cybox:Observable>
                </cybox:Observable_Composition>
              </indicator:Observable>
            </stix:Indicator>
            """;

        using var doc = Convert(Stix1Samples.Package(indicator));

        Indicator(doc).GetProperty("pattern").GetString().Should().Be(
            "([domain-name:value = 'a.example'] OR [domain-name:value = 'b.example']) AND [url:value = 'http://c.example/']");
    }

    [Fact]
    public void AddPackage_ObservableReferencingItself_SkippedInsteadOfLooping()
    {
        const string indicator = """
            <stix:Indicator id="x:Indicator-cycle" timestamp="2026-11-19T16:10:00.000Z">
              <indicator:Observable><cybox:Observable_Composition operator="OR">
                <cybox:Observable idref="x:Observable-loop"/>
              </cybox:Observable_Composition></indicator:Observable>
            </stix:Indicator>
            """;
        const string observables = """
            <stix:Observables cybox_major_version="2" cybox_minor_version="1">
              <cybox:Observable id="x:Observable-loop"><cybox:Observable_Composition operator="OR"><cybox:Observable idref="x:Observable-loop"/></cybox:Observable_Composition></cybox:Observable>
            </stix:Observables>
            """;
        var converter = new Stix1Converter(new Stix1ConverterOptions(), new FakeTimeProvider(Now));
        using var page = converter.CreatePage();

        page.AddPackage(XElement.Parse(Stix1Samples.Package(indicator, observables: observables)));

        page.SkipReasons.Should().ContainKey("observable composition nested too deeply");
        page.IndicatorCount.Should().Be(0);
    }

    [Theory]
    [InlineData("High", 85)]
    [InlineData("Medium", 50)]
    [InlineData("Low", 15)]
    [InlineData("None", 0)]
    [InlineData("0", 0)]
    [InlineData("73", 73)]
    [InlineData("Unknown", null)]
    [InlineData("150", null)]
    public void AddPackage_ConfidenceValue_MapsToStix21Scale(string value, int? expected)
    {
        var indicator = Stix1Samples.EmailAddress.Replace(
            """<stixCommon:Value xsi:type="stixVocabs:HighMediumLowVocab-1.0">Medium</stixCommon:Value>""",
            $"<stixCommon:Value>{value}</stixCommon:Value>",
            StringComparison.Ordinal);

        using var doc = Convert(Stix1Samples.Package(indicator));

        var found = Indicator(doc).TryGetProperty("confidence", out var confidence);
        found.Should().Be(expected is not null);
        if (expected is not null)
        {
            confidence.GetInt32().Should().Be(expected);
        }
    }

    [Fact]
    public void ToJsonDocument_EmptyPage_IsEmptyArray()
    {
        var converter = new Stix1Converter(new Stix1ConverterOptions(), new FakeTimeProvider(Now));
        using var page = converter.CreatePage();

        using var doc = page.ToJsonDocument();

        doc.RootElement.GetArrayLength().Should().Be(0);
        page.Invoking(p => p.ToJsonDocument()).Should().Throw<ObjectDisposedException>();
    }

    private static JsonDocument Convert(string xml, Stix1ConverterOptions? options = null)
    {
        var converter = new Stix1Converter(options ?? new Stix1ConverterOptions(), new FakeTimeProvider(Now));
        using var page = converter.CreatePage();
        page.AddPackage(XElement.Parse(xml));
        return page.ToJsonDocument();
    }

    private static JsonElement Indicator(JsonDocument doc) =>
        doc.RootElement.EnumerateArray().First(o => o.GetProperty("type").GetString() == "indicator");

    private static string PyctiIndicatorId(string pattern)
    {
        var canonical = "{\"pattern\":" + JsonSerializer.Serialize(pattern, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "}";
        return "indicator--" + Stix1Ids.UuidV5(Stix1Ids.OpenCtiNamespace, canonical).ToString();
    }
}
