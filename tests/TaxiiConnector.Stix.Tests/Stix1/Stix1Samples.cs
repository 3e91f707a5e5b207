namespace TaxiiConnector.Stix.Tests.Stix1;

/// <summary>
/// STIX 1.1.1 indicator shapes, hand-written after the structures ThreatConnect's TAXII 1.1 server and the STIX 1
/// idiom samples use (reference taxii1-stix1.md §2, §3.3, §6). Each is a whole package.
/// </summary>
internal static class Stix1Samples
{
    public const string Namespaces = """
        xmlns:stix="http://stix.mitre.org/stix-1" xmlns:indicator="http://stix.mitre.org/Indicator-2"
        xmlns:stixCommon="http://stix.mitre.org/common-1" xmlns:stixVocabs="http://stix.mitre.org/default_vocabularies-1"
        xmlns:cybox="http://cybox.mitre.org/cybox-2" xmlns:cyboxCommon="http://cybox.mitre.org/common-2"
        xmlns:cyboxVocabs="http://cybox.mitre.org/default_vocabularies-2"
        xmlns:cyboxDN="http://cybox.mitre.org/objects#DomainNameObject-1"
        xmlns:HostnameObj="http://cybox.mitre.org/objects#HostnameObject-1"
        xmlns:AddressObj="http://cybox.mitre.org/objects#AddressObject-2"
        xmlns:URIObj="http://cybox.mitre.org/objects#URIObject-2"
        xmlns:FileObj="http://cybox.mitre.org/objects#FileObject-2"
        xmlns:EmailMessageObj="http://cybox.mitre.org/objects#EmailMessageObject-2"
        xmlns:marking="http://data-marking.mitre.org/Marking-1"
        xmlns:tlpMarking="http://data-marking.mitre.org/extensions/MarkingStructure#TLP-1"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:threatconnect="http://threatconnect.com/"
        xmlns:example="http://example.com/"
        """;

    public static string Package(string indicators, string header = "", string observables = "", string packageId = "example:Package-5d7a0c2e-0000-4000-8000-000000000001", string trailer = "") => $"""
        <stix:STIX_Package xmlns="http://xml/metadataSharing.xsd" {Namespaces} id="{packageId}" version="1.1.1" timestamp="2026-11-20T10:00:00.000Z">
          <stix:STIX_Header>
            <stix:Title>Report: Example Owner</stix:Title>
            <stix:Package_Intent>INDICATORS</stix:Package_Intent>
            {header}
          </stix:STIX_Header>
        {observables}
          <stix:Indicators>
        {indicators}
          </stix:Indicators>
        {trailer}
        </stix:STIX_Package>
        """;

    public static string Tlp(string color) => $"""
        <stix:Handling><marking:Marking>
          <marking:Controlled_Structure>//node() | //@*</marking:Controlled_Structure>
          <marking:Marking_Structure xsi:type="tlpMarking:TLPMarkingStructureType" color="{color}"/>
        </marking:Marking></stix:Handling>
        """;

    /// <summary>ThreatConnect's documented shape: Host with "Host: value|…", numeric confidence 0, no marking, producer with a UI link.</summary>
    public const string TcHostColon = """
        <stix:Indicator id="threatconnect:Indicator-3b1f0a52-7c1d-4a8e-9a43-0f2d1c6e5b01" timestamp="2026-11-19T15:49:05.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Type>Domain Watchlist</indicator:Type>
          <indicator:Description>Host: bad-domain.example|threatassess: 450|falsepositives: 1|owner: Example Owner</indicator:Description>
          <indicator:Observable id="threatconnect:Observable-3b1f0a52-7c1d-4a8e-9a43-0f2d1c6e5b02">
            <cybox:Object>
              <cybox:Properties xsi:type="cyboxDN:DomainNameObjectType">
                <cyboxDN:Value apply_condition="ANY" condition="Equals">bad-domain.example</cyboxDN:Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
          <indicator:Confidence><stixCommon:Value>0</stixCommon:Value></indicator:Confidence>
          <indicator:Sightings sightings_count="0"/>
          <indicator:Producer>
            <stixCommon:Identity id="threatconnect:Identity-3b1f0a52-7c1d-4a8e-9a43-0f2d1c6e5b03">
              <stixCommon:Name>ThreatConnect - Example Owner</stixCommon:Name>
            </stixCommon:Identity>
            <stixCommon:Time><cyboxCommon:Produced_Time>2026-11-19T15:49:05.000Z</cyboxCommon:Produced_Time></stixCommon:Time>
            <stixCommon:References>
              <stixCommon:Reference>https://app.threatconnect.example/auth/indicators/details/host.xhtml?host=bad-domain.example</stixCommon:Reference>
            </stixCommon:References>
          </indicator:Producer>
        </stix:Indicator>
        """;

    /// <summary>The brief's TC_V2 form with every field, brackets, and a pipe inside the description.</summary>
    public const string TcHostFull = """
        <stix:Indicator id="threatconnect:Indicator-8e0c5d44-1111-4222-8333-000000000010" timestamp="2026-11-19T16:00:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Type>Domain Watchlist</indicator:Type>
          <indicator:Description>Host phish.example.net|[desc: Landing page | credential harvest]|[src: Partner feed]|rating: 4.0|threatassess: 705|falsepositives: 0|owner: ACME Corp</indicator:Description>
          <indicator:Observable id="threatconnect:Observable-8e0c5d44-1111-4222-8333-000000000011">
            <cybox:Object>
              <cybox:Properties xsi:type="cyboxDN:DomainNameObjectType">
                <cyboxDN:Value condition="Equals">phish.example.net</cyboxDN:Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
          <indicator:Confidence><stixCommon:Value>70</stixCommon:Value></indicator:Confidence>
          <indicator:Producer>
            <stixCommon:Identity><stixCommon:Name>ThreatConnect - ACME Corp</stixCommon:Name></stixCommon:Identity>
          </indicator:Producer>
        </stix:Indicator>
        """;

    public const string TcAddressIpv4 = """
        <stix:Indicator id="threatconnect:Indicator-8e0c5d44-1111-4222-8333-000000000020" timestamp="2026-11-19T16:01:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Type>IP Watchlist</indicator:Type>
          <indicator:Description>Address 198.51.100.7|rating: 3.0|falsepositives: 2|owner: Example Owner</indicator:Description>
          <indicator:Observable id="threatconnect:Observable-8e0c5d44-1111-4222-8333-000000000021">
            <cybox:Object>
              <cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr">
                <AddressObj:Address_Value condition="Equals">198.51.100.7</AddressObj:Address_Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
          <indicator:Confidence><stixCommon:Value>25</stixCommon:Value></indicator:Confidence>
        </stix:Indicator>
        """;

    public const string TcAddressIpv6 = """
        <stix:Indicator id="threatconnect:Indicator-8e0c5d44-1111-4222-8333-000000000030" timestamp="2026-11-19T16:02:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Type>IP Watchlist</indicator:Type>
          <indicator:Description>Address: 2001:db8::1|threatassess: 120|owner: Example Owner</indicator:Description>
          <indicator:Observable id="threatconnect:Observable-8e0c5d44-1111-4222-8333-000000000031">
            <cybox:Object>
              <cybox:Properties xsi:type="AddressObj:AddressObjectType">
                <AddressObj:Address_Value condition="Equals">2001:db8::1</AddressObj:Address_Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
        </stix:Indicator>
        """;

    /// <summary>A URL whose value needs STIX pattern escaping (a quote and a backslash).</summary>
    public const string TcUrl = """
        <stix:Indicator id="threatconnect:Indicator-8e0c5d44-1111-4222-8333-000000000040" timestamp="2026-11-19T16:03:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Type>URL Watchlist</indicator:Type>
          <indicator:Description>URL http://bad.example/it's\payload.exe?a=1|b=2|threatassess: 999|owner: Example Owner</indicator:Description>
          <indicator:Observable id="threatconnect:Observable-8e0c5d44-1111-4222-8333-000000000041">
            <cybox:Object>
              <cybox:Properties xsi:type="URIObj:URIObjectType" type="URL">
                <URIObj:Value condition="Equals">http://bad.example/it's\payload.exe?a=1|b=2</URIObj:Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
        </stix:Indicator>
        """;

    /// <summary>ThreatConnect File: MD5, SHA1 and SHA256 (upper-case values), OR-ed; one file observable with all three.</summary>
    public const string TcFileHashes = """
        <stix:Indicator id="threatconnect:Indicator-8e0c5d44-1111-4222-8333-000000000050" timestamp="2026-11-19T16:04:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Type>File Hash Watchlist</indicator:Type>
          <indicator:Description>File D41D8CD98F00B204E9800998ECF8427E : DA39A3EE5E6B4B0D3255BFEF95601890AFD80709 : E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855|rating: 5.0|threatassess: 880|falsepositives: 0|owner: Example Owner</indicator:Description>
          <indicator:Observable id="threatconnect:Observable-8e0c5d44-1111-4222-8333-000000000051">
            <cybox:Object>
              <cybox:Properties xsi:type="FileObj:FileObjectType">
                <FileObj:Hashes>
                  <cyboxCommon:Hash>
                    <cyboxCommon:Type xsi:type="cyboxVocabs:HashNameVocab-1.0">MD5</cyboxCommon:Type>
                    <cyboxCommon:Simple_Hash_Value condition="Equals">D41D8CD98F00B204E9800998ECF8427E</cyboxCommon:Simple_Hash_Value>
                  </cyboxCommon:Hash>
                  <cyboxCommon:Hash>
                    <cyboxCommon:Type xsi:type="cyboxVocabs:HashNameVocab-1.0">SHA1</cyboxCommon:Type>
                    <cyboxCommon:Simple_Hash_Value condition="Equals">DA39A3EE5E6B4B0D3255BFEF95601890AFD80709</cyboxCommon:Simple_Hash_Value>
                  </cyboxCommon:Hash>
                  <cyboxCommon:Hash>
                    <cyboxCommon:Type xsi:type="cyboxVocabs:HashNameVocab-1.0">SHA256</cyboxCommon:Type>
                    <cyboxCommon:Simple_Hash_Value condition="Equals">E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855</cyboxCommon:Simple_Hash_Value>
                  </cyboxCommon:Hash>
                </FileObj:Hashes>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
          <indicator:Confidence><stixCommon:Value xsi:type="stixVocabs:HighMediumLowVocab-1.0">High</stixCommon:Value></indicator:Confidence>
        </stix:Indicator>
        """;

    public const string EmailAddress = """
        <stix:Indicator id="example:Indicator-8e0c5d44-1111-4222-8333-000000000060" timestamp="2026-11-19T16:05:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Title>Phishing sender</indicator:Title>
          <indicator:Type xsi:type="stixVocabs:IndicatorTypeVocab-1.1">Malicious E-mail</indicator:Type>
          <indicator:Description>Sender of the invoice campaign</indicator:Description>
          <indicator:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000061">
            <cybox:Object>
              <cybox:Properties xsi:type="AddressObj:AddressObjectType" category="e-mail">
                <AddressObj:Address_Value condition="Equals">billing@evil.example</AddressObj:Address_Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
          <indicator:Confidence><stixCommon:Value xsi:type="stixVocabs:HighMediumLowVocab-1.0">Medium</stixCommon:Value></indicator:Confidence>
        </stix:Indicator>
        """;

    /// <summary>The STIX Project IP watchlist idiom: one value, three addresses joined by ##comma##, apply_condition ANY.</summary>
    public const string IpWatchlistList = """
        <stix:Indicator id="example:Indicator-33fe3b22-0201-47cf-85d0-97c02164528d" timestamp="2026-11-19T16:06:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Title>IP Address for known C2 channel</indicator:Title>
          <indicator:Type xsi:type="stixVocabs:IndicatorTypeVocab-1.1">IP Watchlist</indicator:Type>
          <indicator:Observable id="example:Observable-1c798262-a4cd-434d-a958-884d6980c459">
            <cybox:Object id="example:Address-c97da4b5-0a41-4b0e-8e3e-0e9a1b5e0001">
              <cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr">
                <AddressObj:Address_Value condition="Equals" apply_condition="ANY">10.0.0.0##comma##10.0.0.1##comma##10.0.0.2</AddressObj:Address_Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
        </stix:Indicator>
        """;

    /// <summary>The elevator's marking idiom: a declared delimiter, High confidence, a producer; TLP from the package header.</summary>
    public const string CustomDelimiterWithProducer = """
        <stix:Indicator id="example:Indicator-8e0c5d44-1111-4222-8333-000000000080" timestamp="2026-11-19T16:07:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Title>Watchlist with editor delimiter</indicator:Title>
          <indicator:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000081">
            <cybox:Object>
              <cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr">
                <AddressObj:Address_Value condition="Equals" delimiter="##STIX_EDITOR##">192.0.2.10##STIX_EDITOR##192.0.2.11</AddressObj:Address_Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
          <indicator:Confidence><stixCommon:Value>High</stixCommon:Value></indicator:Confidence>
          <indicator:Producer>
            <stixCommon:Identity><stixCommon:Name>Example CERT</stixCommon:Name></stixCommon:Identity>
            <stixCommon:References><stixCommon:Reference>https://cert.example/advisories/42</stixCommon:Reference></stixCommon:References>
          </indicator:Producer>
        </stix:Indicator>
        """;

    /// <summary>A Hostname object, an indicator-level RED marking over the package's GREEN, and a validity window.</summary>
    public const string HostnameRedValidity = """
        <stix:Indicator id="example:Indicator-8e0c5d44-1111-4222-8333-000000000090" timestamp="2026-11-19T16:08:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Title>Sinkholed host</indicator:Title>
          <indicator:Valid_Time_Position>
            <indicator:Start_Time>2026-11-01T00:00:00Z</indicator:Start_Time>
            <indicator:End_Time>2026-12-01T00:00:00Z</indicator:End_Time>
          </indicator:Valid_Time_Position>
          <indicator:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000091">
            <cybox:Object>
              <cybox:Properties xsi:type="HostnameObj:HostnameObjectType">
                <HostnameObj:Hostname_Value>mini99.example.org</HostnameObj:Hostname_Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
          <indicator:Confidence><stixCommon:Value>Low</stixCommon:Value></indicator:Confidence>
          <indicator:Handling><marking:Marking>
            <marking:Controlled_Structure>../../../descendant-or-self::node() | ../../../descendant-or-self::node()/@*</marking:Controlled_Structure>
            <marking:Marking_Structure xsi:type="tlpMarking:TLPMarkingStructureType" color="RED"/>
          </marking:Marking></indicator:Handling>
        </stix:Indicator>
        """;

    /// <summary>Contains on a URL: an unanchored MATCHES with the value regex-escaped; no exact observable.</summary>
    public const string UrlContains = """
        <stix:Indicator id="example:Indicator-8e0c5d44-1111-4222-8333-000000000100" timestamp="2026-11-19T16:09:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Title>Payload path</indicator:Title>
          <indicator:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000101">
            <cybox:Object>
              <cybox:Properties xsi:type="URIObj:URIObjectType" type="URL">
                <URIObj:Value condition="Contains">/wp-content/[x].php</URIObj:Value>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
        </stix:Indicator>
        """;

    /// <summary>An OR composition of a domain and an address, and a SHA-1 without a declared type (guessed by length).</summary>
    public const string CompositionAndUntypedHash = """
        <stix:Indicator id="example:Indicator-8e0c5d44-1111-4222-8333-000000000110" timestamp="2026-11-19T16:10:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Title>C2 domain or address</indicator:Title>
          <indicator:Type>C2</indicator:Type>
          <indicator:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000111">
            <cybox:Observable_Composition operator="OR">
              <cybox:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000112">
                <cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>c2.example.com</cyboxDN:Value></cybox:Properties></cybox:Object>
              </cybox:Observable>
              <cybox:Observable idref="example:Observable-8e0c5d44-1111-4222-8333-000000000999"/>
            </cybox:Observable_Composition>
          </indicator:Observable>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-8e0c5d44-1111-4222-8333-000000000120" timestamp="2026-11-19T16:11:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000121">
            <cybox:Object>
              <cybox:Properties xsi:type="FileObj:FileObjectType">
                <FileObj:File_Name>dropper.exe</FileObj:File_Name>
                <FileObj:Hashes><cyboxCommon:Hash><cyboxCommon:Simple_Hash_Value>DA39A3EE5E6B4B0D3255BFEF95601890AFD80709</cyboxCommon:Simple_Hash_Value></cyboxCommon:Hash></FileObj:Hashes>
              </cybox:Properties>
            </cybox:Object>
          </indicator:Observable>
        </stix:Indicator>
        """;

    /// <summary>An address the composition above refers to by idref, defined in the package's observables.</summary>
    public const string ReferencedObservable = """
        <stix:Observables cybox_major_version="2" cybox_minor_version="1">
          <cybox:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000999">
            <cybox:Object><cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr"><AddressObj:Address_Value>203.0.113.9</AddressObj:Address_Value></cybox:Properties></cybox:Object>
          </cybox:Observable>
        </stix:Observables>
        """;

    /// <summary>Indicators that cannot be converted faithfully, between two that can.</summary>
    public const string Unconvertible = """
        <stix:Indicator id="example:Indicator-00000000-0000-4000-8000-000000000001" negate="true" timestamp="2026-11-19T16:12:00.000Z">
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>negated.example</cyboxDN:Value></cybox:Properties></cybox:Object></indicator:Observable>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-00000000-0000-4000-8000-000000000002" timestamp="2026-11-19T16:12:00.000Z">
          <indicator:Title>No observable at all</indicator:Title>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-00000000-0000-4000-8000-000000000003" timestamp="2026-11-19T16:12:00.000Z">
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="EmailMessageObj:EmailMessageObjectType"><EmailMessageObj:Header><EmailMessageObj:Subject>Invoice</EmailMessageObj:Subject></EmailMessageObj:Header><EmailMessageObj:Raw_Header>Subject: Invoice</EmailMessageObj:Raw_Header></cybox:Properties></cybox:Object></indicator:Observable>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-00000000-0000-4000-8000-000000000004" timestamp="2026-11-19T16:12:00.000Z">
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:Hashes><cyboxCommon:Hash><cyboxCommon:Type>MD5</cyboxCommon:Type><cyboxCommon:Simple_Hash_Value>not-a-hash-zzzzzzzzzzzzzzzzzzzzzzzz</cyboxCommon:Simple_Hash_Value></cyboxCommon:Hash></FileObj:Hashes></cybox:Properties></cybox:Object></indicator:Observable>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-00000000-0000-4000-8000-000000000005" timestamp="2026-11-19T16:12:00.000Z">
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value condition="DoesNotContain">example</cyboxDN:Value></cybox:Properties></cybox:Object></indicator:Observable>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-00000000-0000-4000-8000-000000000006" timestamp="2026-11-19T16:12:00.000Z">
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Name>a.exe</FileObj:File_Name><FileObj:Device_Path>\Device\HarddiskVolume1</FileObj:Device_Path></cybox:Properties></cybox:Object></indicator:Observable>
        </stix:Indicator>
        """;

    /// <summary>
    /// A phishing e-mail as the STIX idioms and the elevator's inputs shape it: header fields, a body, a link and an
    /// attachment referencing related objects by <c>object_reference</c>.
    /// </summary>
    public const string PhishingEmail = """
        <stix:Indicator id="example:Indicator-8e0c5d44-1111-4222-8333-000000000200" timestamp="2026-11-19T16:20:00.000Z" xsi:type="indicator:IndicatorType">
          <indicator:Title>Invoice phish</indicator:Title>
          <indicator:Type>Malicious E-mail</indicator:Type>
          <indicator:Observable id="example:Observable-8e0c5d44-1111-4222-8333-000000000201">
            <cybox:Object id="example:EmailMessage-8e0c5d44-1111-4222-8333-000000000202">
              <cybox:Properties xsi:type="EmailMessageObj:EmailMessageObjectType">
                <EmailMessageObj:Header>
                  <EmailMessageObj:To>
                    <EmailMessageObj:Recipient xsi:type="AddressObj:AddressObjectType" category="e-mail"><AddressObj:Address_Value>victim@example.org</AddressObj:Address_Value></EmailMessageObj:Recipient>
                  </EmailMessageObj:To>
                  <EmailMessageObj:CC>
                    <EmailMessageObj:Recipient xsi:type="AddressObj:AddressObjectType" category="e-mail"><AddressObj:Address_Value>finance@example.org</AddressObj:Address_Value></EmailMessageObj:Recipient>
                  </EmailMessageObj:CC>
                  <EmailMessageObj:From xsi:type="AddressObj:AddressObjectType" category="e-mail"><AddressObj:Address_Value condition="Equals">billing@bad.example</AddressObj:Address_Value></EmailMessageObj:From>
                  <EmailMessageObj:Subject condition="Equals">Invoice 'overdue'</EmailMessageObj:Subject>
                  <EmailMessageObj:Date>2026-11-18T09:30:00Z</EmailMessageObj:Date>
                  <EmailMessageObj:Message_ID>&lt;abc123@bad.example&gt;</EmailMessageObj:Message_ID>
                  <EmailMessageObj:X_Mailer>PHPMailer 5.2</EmailMessageObj:X_Mailer>
                </EmailMessageObj:Header>
                <EmailMessageObj:Attachments>
                  <EmailMessageObj:File object_reference="example:File-8e0c5d44-1111-4222-8333-000000000203"/>
                </EmailMessageObj:Attachments>
                <EmailMessageObj:Raw_Body>Please pay the attached invoice.</EmailMessageObj:Raw_Body>
                <EmailMessageObj:Links>
                  <EmailMessageObj:Link object_reference="example:URI-8e0c5d44-1111-4222-8333-000000000204"/>
                </EmailMessageObj:Links>
              </cybox:Properties>
              <cybox:Related_Objects>
                <cybox:Related_Object id="example:File-8e0c5d44-1111-4222-8333-000000000203">
                  <cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Name>invoice.doc.exe</FileObj:File_Name></cybox:Properties>
                  <cybox:Relationship>Contains</cybox:Relationship>
                </cybox:Related_Object>
                <cybox:Related_Object id="example:URI-8e0c5d44-1111-4222-8333-000000000204">
                  <cybox:Properties xsi:type="URIObj:URIObjectType" type="URL"><URIObj:Value>http://pay.bad.example/invoice</URIObj:Value></cybox:Properties>
                  <cybox:Relationship>Contains</cybox:Relationship>
                </cybox:Related_Object>
              </cybox:Related_Objects>
            </cybox:Object>
          </indicator:Observable>
        </stix:Indicator>
        """;

    public const string MarkingNamespaces = """
        xmlns:AIS="http://www.us-cert.gov/STIXMarkingStructure#AISConsentMarking-2"
        xmlns:TOUMarking="http://data-marking.mitre.org/extensions/MarkingStructure#Terms_Of_Use-1"
        xmlns:simpleMarking="http://data-marking.mitre.org/extensions/MarkingStructure#Simple-1"
        xmlns:edh2cyberMarking="urn:edm:edh:cyber:v3"
        """;

    /// <summary>
    /// Package markings as CISA's AIS feed sends them (AIS consent with TLP, terms of use, on <c>//node() | //@*</c>), a
    /// statement scoped to one indicator by XPath, and a marking structure the converter does not know.
    /// </summary>
    public const string AisHeader = $"""
        <stix:Handling {MarkingNamespaces}>
          <marking:Marking>
            <marking:Controlled_Structure>//node() | //@*</marking:Controlled_Structure>
            <marking:Marking_Structure xsi:type="AIS:AISMarkingStructure">
              <AIS:Not_Proprietary CISA_Proprietary="false"><AIS:AISConsent consent="EVERYONE"/><AIS:TLPMarking color="GREEN"/></AIS:Not_Proprietary>
            </marking:Marking_Structure>
            <marking:Marking_Structure xsi:type="TOUMarking:TermsOfUseMarkingStructureType">
              <TOUMarking:Terms_Of_Use>Use under the AIS Terms of Use.</TOUMarking:Terms_Of_Use>
            </marking:Marking_Structure>
          </marking:Marking>
          <marking:Marking>
            <marking:Controlled_Structure>//stix:Indicator[@id='example:Indicator-marked-2']</marking:Controlled_Structure>
            <marking:Marking_Structure xsi:type="simpleMarking:SimpleMarkingStructure"><simpleMarking:Statement>Partner distribution only.</simpleMarking:Statement></marking:Marking_Structure>
          </marking:Marking>
          <marking:Marking>
            <marking:Controlled_Structure>//node()</marking:Controlled_Structure>
            <marking:Marking_Structure xsi:type="edh2cyberMarking:ISAMarkingsType"/>
          </marking:Marking>
        </stix:Handling>
        """;

    /// <summary>Three indicators: one with no marking of its own, one with its own TLP and statement, one scoped by the header.</summary>
    public const string MarkedIndicators = $"""
        <stix:Indicator id="example:Indicator-marked-1" timestamp="2026-11-19T16:30:00.000Z">
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>inherits.example</cyboxDN:Value></cybox:Properties></cybox:Object></indicator:Observable>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-marked-2" timestamp="2026-11-19T16:30:00.000Z">
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>scoped.example</cyboxDN:Value></cybox:Properties></cybox:Object></indicator:Observable>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-marked-3" timestamp="2026-11-19T16:30:00.000Z">
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>own.example</cyboxDN:Value></cybox:Properties></cybox:Object></indicator:Observable>
          <indicator:Handling {MarkingNamespaces}>
            <marking:Marking>
              <marking:Controlled_Structure>../../../descendant-or-self::node() | ../../../descendant-or-self::node()/@*</marking:Controlled_Structure>
              <marking:Marking_Structure xsi:type="tlpMarking:TLPMarkingStructureType" color="AMBER"/>
              <marking:Marking_Structure xsi:type="simpleMarking:SimpleMarkingStructure"><simpleMarking:Statement>Do not post publicly.</simpleMarking:Statement></marking:Marking_Structure>
            </marking:Marking>
          </indicator:Handling>
        </stix:Indicator>
        """;

    public const string PackageNamespaces = """
        xmlns:ttp="http://stix.mitre.org/TTP-1" xmlns:incident="http://stix.mitre.org/Incident-1"
        xmlns:campaign="http://stix.mitre.org/Campaign-1" xmlns:et="http://stix.mitre.org/ExploitTarget-1"
        """;

    /// <summary>
    /// An indicator that indicates a TTP, relates to another indicator and was sighted, as the STIX idioms
    /// (indicator-for-c2-ip-address, malware-indicator-for-file-hash, incident-with-related-indicators) shape them.
    /// </summary>
    public const string RelatedIndicators = $"""
        <stix:Indicator id="example:Indicator-pkg-1" timestamp="2026-11-19T17:00:00.000Z" {PackageNamespaces}>
          <indicator:Title>C2 beacon host</indicator:Title>
          <indicator:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>beacon.bad.example</cyboxDN:Value></cybox:Properties></cybox:Object></indicator:Observable>
          <indicator:Indicated_TTP><stixCommon:TTP idref="example:TTP-malware-1"/></indicator:Indicated_TTP>
          <indicator:Related_Indicators>
            <indicator:Related_Indicator><stixCommon:Indicator idref="example:Indicator-pkg-2"/></indicator:Related_Indicator>
          </indicator:Related_Indicators>
          <indicator:Sightings sightings_count="1">
            <indicator:Sighting timestamp="2026-11-19T12:00:00.000Z">
              <indicator:Source><stixCommon:Identity><stixCommon:Name>Example SOC</stixCommon:Name></stixCommon:Identity></indicator:Source>
              <indicator:Description>Seen in proxy logs.</indicator:Description>
            </indicator:Sighting>
          </indicator:Sightings>
        </stix:Indicator>
        <stix:Indicator id="example:Indicator-pkg-2" timestamp="2026-11-19T17:00:00.000Z" {PackageNamespaces}>
          <indicator:Title>Phishing sender</indicator:Title>
          <indicator:Observable idref="example:Observable-sender"/>
          <indicator:Indicated_TTP><stixCommon:TTP idref="example:TTP-phish-1"/></indicator:Indicated_TTP>
        </stix:Indicator>
        """;

    /// <summary>Observables: one an indicator references, one stand-alone with an exact value, one that only matches partially.</summary>
    public const string PackageObservables = """
        <stix:Observables cybox_major_version="2" cybox_minor_version="1">
          <cybox:Observable id="example:Observable-sender"><cybox:Object><cybox:Properties xsi:type="AddressObj:AddressObjectType" category="e-mail"><AddressObj:Address_Value>ceo@bad.example</AddressObj:Address_Value></cybox:Properties></cybox:Object></cybox:Observable>
          <cybox:Observable id="example:Observable-standalone"><cybox:Object><cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr"><AddressObj:Address_Value>198.51.100.7</AddressObj:Address_Value></cybox:Properties></cybox:Object></cybox:Observable>
          <cybox:Observable id="example:Observable-partial"><cybox:Object><cybox:Properties xsi:type="URIObj:URIObjectType"><URIObj:Value condition="Contains">/gate.php</URIObj:Value></cybox:Properties></cybox:Object></cybox:Observable>
        </stix:Observables>
        """;

    /// <summary>TTPs (malware, a CAPEC attack pattern, one with only infrastructure), an incident, a campaign and an exploit target.</summary>
    public const string PackageSections = $"""
        <stix:TTPs {PackageNamespaces}>
          <stix:TTP id="example:TTP-malware-1" timestamp="2026-11-19T17:00:00.000Z" xsi:type="ttp:TTPType">
            <ttp:Title>Poison Ivy</ttp:Title>
            <ttp:Behavior><ttp:Malware><ttp:Malware_Instance><ttp:Type>Remote Access Trojan</ttp:Type><ttp:Name>Poison Ivy Variant d1c6</ttp:Name></ttp:Malware_Instance></ttp:Malware></ttp:Behavior>
          </stix:TTP>
          <stix:TTP id="example:TTP-phish-1" timestamp="2026-11-19T17:00:00.000Z" xsi:type="ttp:TTPType">
            <ttp:Title>Spear phishing</ttp:Title>
            <ttp:Behavior><ttp:Attack_Patterns><ttp:Attack_Pattern capec_id="CAPEC-163"><ttp:Description>Spear phishing with an invoice lure.</ttp:Description></ttp:Attack_Pattern></ttp:Attack_Patterns></ttp:Behavior>
          </stix:TTP>
          <stix:TTP id="example:TTP-infra-1" timestamp="2026-11-19T17:00:00.000Z" xsi:type="ttp:TTPType">
            <ttp:Title>Bulletproof hosting</ttp:Title>
            <ttp:Resources><ttp:Infrastructure><ttp:Title>AS64500</ttp:Title></ttp:Infrastructure></ttp:Resources>
          </stix:TTP>
        </stix:TTPs>
        <stix:Exploit_Targets {PackageNamespaces}>
          <stixCommon:Exploit_Target id="example:et-1" xsi:type="et:ExploitTargetType"><et:Title>CVE-2026-0001</et:Title></stixCommon:Exploit_Target>
        </stix:Exploit_Targets>
        <stix:Incidents {PackageNamespaces}>
          <stix:Incident id="example:Incident-1" timestamp="2026-11-19T18:00:00.000Z" xsi:type="incident:IncidentType">
            <incident:Title>Invoice phishing wave</incident:Title>
            <incident:Description>Several finance users received the lure.</incident:Description>
            <incident:Related_Indicators><incident:Related_Indicator><stixCommon:Indicator idref="example:Indicator-pkg-2"/></incident:Related_Indicator></incident:Related_Indicators>
            <incident:Leveraged_TTPs><incident:Leveraged_TTP><stixCommon:TTP idref="example:TTP-phish-1"/></incident:Leveraged_TTP></incident:Leveraged_TTPs>
          </stix:Incident>
        </stix:Incidents>
        <stix:Campaigns {PackageNamespaces}>
          <stix:Campaign id="example:Campaign-1" xsi:type="campaign:CampaignType"><campaign:Title>Operation Invoice</campaign:Title></stix:Campaign>
        </stix:Campaigns>
        """;
}
