using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Tests.Observability;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Transform;

namespace TaxiiConnector.Tests.Sources.Taxii11;

/// <summary>
/// A multi-package Poll_Response with markings at package and object level, through the real TAXII 1.1 source: the
/// STIX 2.1 output checked field by field. The AIS shape follows python-stix's stix.extensions.marking.ais (consent
/// and TLP under Is_Proprietary, Controlled_Structure <c>//node() | //@*</c>); CISA's feeds add terms of use.
/// </summary>
public sealed class Taxii11ConversionTests : IDisposable
{
    private const string Collection = "AIS";
    private const string W1Begin = "2026-11-22T11:55:00.000Z";
    private const string W1End = "2026-11-23T11:55:00.000Z";
    private const string Amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    private const string Red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    private const string Namespaces = """
        xmlns:stix="http://stix.mitre.org/stix-1" xmlns:indicator="http://stix.mitre.org/Indicator-2" xmlns:ttp="http://stix.mitre.org/TTP-1"
        xmlns:stixCommon="http://stix.mitre.org/common-1" xmlns:cybox="http://cybox.mitre.org/cybox-2" xmlns:cyboxCommon="http://cybox.mitre.org/common-2"
        xmlns:AddressObj="http://cybox.mitre.org/objects#AddressObject-2" xmlns:URIObj="http://cybox.mitre.org/objects#URIObject-2"
        xmlns:FileObj="http://cybox.mitre.org/objects#FileObject-2" xmlns:marking="http://data-marking.mitre.org/Marking-1"
        xmlns:tlpMarking="http://data-marking.mitre.org/extensions/MarkingStructure#TLP-1"
        xmlns:AIS="http://www.us-cert.gov/STIXMarkingStructure#AISConsentMarking-2"
        xmlns:TOUMarking="http://data-marking.mitre.org/extensions/MarkingStructure#Terms_Of_Use-1"
        xmlns:edh2cyberMarking="urn:edm:edh:cyber:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:example="http://example.com/"
        """;

    private const string PackageA = $"""
        <stix:STIX_Package {Namespaces} id="example:Package-A" version="1.1.1" timestamp="2026-11-23T10:00:00.000Z">
          <stix:STIX_Header>
            <stix:Title>AIS bulletin A</stix:Title>
            <stix:Description>Two indicators from a partner.</stix:Description>
            <stix:Handling><marking:Marking>
              <marking:Controlled_Structure>//node() | //@*</marking:Controlled_Structure>
              <marking:Marking_Structure xsi:type="AIS:AISMarkingStructure">
                <AIS:Is_Proprietary CISA_Proprietary="true"><AIS:AISConsent consent="USG"/><AIS:TLPMarking color="AMBER"/></AIS:Is_Proprietary>
              </marking:Marking_Structure>
            </marking:Marking></stix:Handling>
          </stix:STIX_Header>
          <stix:Indicators>
            <stix:Indicator id="example:Indicator-A1" timestamp="2026-11-23T09:00:00.000Z">
              <indicator:Title>Dropper</indicator:Title>
              <indicator:Observable><cybox:Object><cybox:Properties xsi:type="FileObj:FileObjectType">
                <FileObj:File_Name>x.exe</FileObj:File_Name><FileObj:Size_In_Bytes>100</FileObj:Size_In_Bytes>
                <FileObj:Hashes><cyboxCommon:Hash><cyboxCommon:Type>MD5</cyboxCommon:Type><cyboxCommon:Simple_Hash_Value>d41d8cd98f00b204e9800998ecf8427e</cyboxCommon:Simple_Hash_Value></cyboxCommon:Hash></FileObj:Hashes>
              </cybox:Properties></cybox:Object></indicator:Observable>
            </stix:Indicator>
            <stix:Indicator id="example:Indicator-A2" timestamp="2026-11-23T09:00:00.000Z">
              <indicator:Title>Scanner</indicator:Title>
              <indicator:Observable><cybox:Object><cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr"><AddressObj:Address_Value>203.0.113.5</AddressObj:Address_Value></cybox:Properties></cybox:Object></indicator:Observable>
              <indicator:Handling><marking:Marking>
                <marking:Controlled_Structure>../../../descendant-or-self::node() | ../../../descendant-or-self::node()/@*</marking:Controlled_Structure>
                <marking:Marking_Structure xsi:type="tlpMarking:TLPMarkingStructureType" color="RED"/>
              </marking:Marking></indicator:Handling>
            </stix:Indicator>
          </stix:Indicators>
        </stix:STIX_Package>
        """;

    private const string PackageB = $"""
        <stix:STIX_Package {Namespaces} id="example:Package-B" version="1.1.1" timestamp="2026-11-23T10:30:00.000Z">
          <stix:STIX_Header>
            <stix:Title>Partner bulletin B</stix:Title>
            <stix:Handling>
              <marking:Marking><marking:Controlled_Structure>//node()</marking:Controlled_Structure>
                <marking:Marking_Structure xsi:type="TOUMarking:TermsOfUseMarkingStructureType"><TOUMarking:Terms_Of_Use>Partner use only.</TOUMarking:Terms_Of_Use></marking:Marking_Structure>
              </marking:Marking>
              <marking:Marking><marking:Controlled_Structure>//node()</marking:Controlled_Structure>
                <marking:Marking_Structure xsi:type="edh2cyberMarking:ISAMarkingsType"/>
              </marking:Marking>
            </stix:Handling>
          </stix:STIX_Header>
          <stix:Indicators>
            <stix:Indicator id="example:Indicator-B1" timestamp="2026-11-23T10:15:00.000Z">
              <indicator:Title>Exploit kit landing</indicator:Title>
              <indicator:Observable><cybox:Object><cybox:Properties xsi:type="URIObj:URIObjectType" type="URL"><URIObj:Value condition="StartsWith">http://b.example/land</URIObj:Value></cybox:Properties></cybox:Object></indicator:Observable>
              <indicator:Indicated_TTP><stixCommon:TTP idref="example:TTP-B"/></indicator:Indicated_TTP>
            </stix:Indicator>
          </stix:Indicators>
          <stix:TTPs>
            <stix:TTP id="example:TTP-B" timestamp="2026-11-23T10:15:00.000Z" xsi:type="ttp:TTPType">
              <ttp:Behavior><ttp:Attack_Patterns><ttp:Attack_Pattern capec_id="CAPEC-98"><ttp:Title>Phishing</ttp:Title></ttp:Attack_Pattern></ttp:Attack_Patterns></ttp:Behavior>
            </stix:TTP>
          </stix:TTPs>
        </stix:STIX_Package>
        """;

    private readonly Taxii11TestServer _server = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<Taxii11Source> _logger = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ReadPagesAsync_MultiPackagePollWithPackageAndObjectMarkings_ConvertsEveryObjectFieldByField()
    {
        _server.Answer("/poll/", $"<taxii_11:Exclusive_Begin_Timestamp>{W1Begin}</taxii_11:Exclusive_Begin_Timestamp>", PollResponse(PackageA, PackageB));
        _server.Answer("/poll/", $"<taxii_11:Exclusive_Begin_Timestamp>{W1End}</taxii_11:Exclusive_Begin_Timestamp>", PollResponse(PackageB));

        var windows = await ReadAsync();

        var objects = windows[0];
        objects.Select(o => o.GetProperty("type").GetString()).Should().Equal(
            "marking-definition", "indicator", "file", "relationship", "indicator", "ipv4-addr", "relationship", "report",
            "marking-definition", "attack-pattern", "indicator", "relationship", "report");

        var ais = objects[0];
        ais.GetProperty("definition_type").GetString().Should().Be("statement");
        ais.GetProperty("definition").GetProperty("statement").GetString().Should().Be("AIS consent: USG; proprietary; CISA proprietary: true");
        var aisId = ais.GetProperty("id").GetString()!;

        var dropper = objects[1];
        dropper.GetProperty("id").GetString().Should().StartWith("indicator--");
        dropper.GetProperty("name").GetString().Should().Be("Dropper");
        dropper.GetProperty("pattern").GetString().Should().Be("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' AND file:name = 'x.exe' AND file:size = 100]");
        dropper.GetProperty("valid_from").GetString().Should().Be("2026-11-23T09:00:00.000Z");
        dropper.GetProperty("x_opencti_main_observable_type").GetString().Should().Be("StixFile");
        Markings(dropper).Should().Equal(Amber, aisId);

        var file = objects[2];
        file.GetProperty("name").GetString().Should().Be("x.exe");
        file.GetProperty("size").GetInt64().Should().Be(100);
        file.GetProperty("hashes").GetProperty("MD5").GetString().Should().Be("d41d8cd98f00b204e9800998ecf8427e");
        Markings(file).Should().Equal(Amber, aisId);
        BasedOn(objects[3], dropper, file);

        var scanner = objects[4];
        scanner.GetProperty("pattern").GetString().Should().Be("[ipv4-addr:value = '203.0.113.5']");
        Markings(scanner).Should().Equal([Red, aisId], "the object's own TLP wins over the package's; the AIS consent still applies");
        objects[5].GetProperty("value").GetString().Should().Be("203.0.113.5");
        Markings(objects[5]).Should().Equal(Red, aisId);
        BasedOn(objects[6], scanner, objects[5]);

        var reportA = objects[7];
        reportA.GetProperty("name").GetString().Should().Be("AIS bulletin A");
        reportA.GetProperty("description").GetString().Should().Be("Two indicators from a partner.");
        reportA.GetProperty("published").GetString().Should().Be("2026-11-23T10:00:00.000Z");
        reportA.GetProperty("object_refs").EnumerateArray().Select(r => r.GetString()).Should().Equal(objects[1..7].Select(Id));
        Markings(reportA).Should().Equal(Amber, aisId);

        var terms = objects[8];
        terms.GetProperty("definition").GetProperty("statement").GetString().Should().Be("Partner use only.");
        var termsId = Id(terms);
        var attackPattern = objects[9];
        attackPattern.GetProperty("name").GetString().Should().Be("Phishing");
        attackPattern.GetProperty("external_references")[0].GetProperty("external_id").GetString().Should().Be("CAPEC-98");
        Markings(attackPattern).Should().Equal(termsId);
        var landing = objects[10];
        landing.GetProperty("pattern").GetString().Should().Be("[url:value LIKE 'http://b.example/land%']");
        Markings(landing).Should().Equal(termsId);
        var indicates = objects[11];
        indicates.GetProperty("relationship_type").GetString().Should().Be("indicates");
        indicates.GetProperty("source_ref").GetString().Should().Be(Id(landing));
        indicates.GetProperty("target_ref").GetString().Should().Be(Id(attackPattern));
        var reportB = objects[12];
        reportB.GetProperty("object_refs").EnumerateArray().Select(r => r.GetString()).Should().Equal(Id(attackPattern), Id(landing), Id(indicates));
        reportB.TryGetProperty("description", out _).Should().BeFalse();

        windows[1].Select(Id).Should().Equal(objects[8..].Select(Id), "the same package polled again converts to the same ids");
        _logger.Messages.Where(m => m.Contains("ISAMarkingsType", StringComparison.Ordinal)).Should().ContainSingle("an unconvertible marking is logged once per collection");
    }

    private static string PollResponse(params string[] packages) => $"""
        <taxii_11:Poll_Response xmlns:taxii_11="{Taxii11TestServer.Ns}" message_id="urn:uuid:3" in_response_to="3" collection_name="{Collection}" more="false" result_part_number="1">
        {string.Concat(packages.Select(p => $"""
          <taxii_11:Content_Block>
            <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
            <taxii_11:Content>{p}</taxii_11:Content>
          </taxii_11:Content_Block>
          """))}
        </taxii_11:Poll_Response>
        """;

    private static string Id(JsonElement o) => o.GetProperty("id").GetString()!;

    private static List<string?> Markings(JsonElement o) =>
        o.TryGetProperty("object_marking_refs", out var refs) ? refs.EnumerateArray().Select(r => r.GetString()).ToList() : [];

    private static void BasedOn(JsonElement relationship, JsonElement indicator, JsonElement observable)
    {
        relationship.GetProperty("relationship_type").GetString().Should().Be("based-on");
        relationship.GetProperty("source_ref").GetString().Should().Be(Id(indicator));
        relationship.GetProperty("target_ref").GetString().Should().Be(Id(observable));
        Markings(relationship).Should().Equal(Markings(indicator));
    }

    /// <summary>Each window's objects (cloned out of the pages) through the real source, client and poll windows.</summary>
    private async Task<List<List<JsonElement>>> ReadAsync()
    {
        var options = new Taxii11Options
        {
            PollUrl = _server.Url("/poll/"),
            Collections = [Collection],
            InitialHistory = TimeSpan.FromHours(48),
            MaxWindow = TimeSpan.FromHours(24),
            SafetyLag = TimeSpan.FromMinutes(5),
        };
        var clientOptions = new Taxii1ClientOptions();
        new MappedOptionsSetup<Taxii11Options, Taxii1ClientOptions>(options).Configure(clientOptions);
        var client = new Taxii1Client(new HttpClient(), Options.Create(clientOptions), _time, NullLogger<Taxii1Client>.Instance);
        var source = new Taxii11Source(client, options, StixTransformerOptionsSetup.Create(Taxii11Options.SectionName, options.Transform), _time, _logger);
        var windows = new List<List<JsonElement>>();
        await foreach (var collection in source.GetCollectionsAsync(CancellationToken.None))
        {
            await foreach (var page in collection.ReadPagesAsync(null, CancellationToken.None))
            {
                using (page)
                {
                    windows.Add([.. page.Objects.Select(o => o.Clone())]);
                }
            }
        }

        windows.Should().HaveCount(2);
        return windows;
    }
}
