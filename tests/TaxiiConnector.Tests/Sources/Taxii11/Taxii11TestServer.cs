using System.Net;
using System.Net.Sockets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Tests.Sources.Taxii11;

/// <summary>A ThreatConnect-like TAXII 1.1 server on 127.0.0.1 (WireMock), answering POSTs by body content.</summary>
internal sealed class Taxii11TestServer : IDisposable
{
    public const string Ns = "http://taxii.mitre.org/messages/taxii_xml_binding-1.1";

    private readonly WireMockServer _server;

    public Taxii11TestServer()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] });
    }

    public Uri Url(string path) => new(new Uri(_server.Url!), path);

    public IReadOnlyList<string> Bodies => _server.LogEntries.Select(e => e.RequestMessage.Body ?? string.Empty).ToList();

    public void Answer(string path, string bodyContains, string xml, int priority = 10)
    {
        _server.Given(Request.Create().WithPath(path).UsingPost().WithBody((string? b) => b is not null && b.Contains(bodyContains, StringComparison.Ordinal)))
            .AtPriority(priority)
            .RespondWith(Response.Create()
                .WithStatusCode(200)
                .WithHeader("Content-Type", "application/xml")
                .WithHeader("X-TAXII-Content-Type", "urn:taxii.mitre.org:message:xml:1.1")
                .WithBody(xml));
    }

    public void Dispose() => _server.Dispose();

    public static string Discovery(Uri poll, Uri management) => $"""
        <taxii_11:Discovery_Response xmlns:taxii_11="{Ns}" message_id="urn:uuid:1" in_response_to="1">
          <taxii_11:Service_Instance service_type="POLL" service_version="urn:taxii.mitre.org:services:1.1" available="true">
            <taxii_11:Protocol_Binding>urn:taxii.mitre.org:protocol:http:1.0</taxii_11:Protocol_Binding>
            <taxii_11:Address>{poll}</taxii_11:Address>
            <taxii_11:Message_Binding>urn:taxii.mitre.org:message:xml:1.1</taxii_11:Message_Binding>
          </taxii_11:Service_Instance>
          <taxii_11:Service_Instance service_type="COLLECTION_MANAGEMENT" service_version="urn:taxii.mitre.org:services:1.1" available="true">
            <taxii_11:Protocol_Binding>urn:taxii.mitre.org:protocol:http:1.0</taxii_11:Protocol_Binding>
            <taxii_11:Address>{management}</taxii_11:Address>
            <taxii_11:Message_Binding>urn:taxii.mitre.org:message:xml:1.1</taxii_11:Message_Binding>
          </taxii_11:Service_Instance>
        </taxii_11:Discovery_Response>
        """;

    public static string Collections(Uri poll, params (string Name, bool Available)[] collections) => $"""
        <taxii_11:Collection_Information_Response xmlns:taxii_11="{Ns}" message_id="urn:uuid:2" in_response_to="2">
        {string.Concat(collections.Select(c => $"""
          <taxii_11:Collection collection_name="{c.Name}" collection_type="DATA_FEED" available="{(c.Available ? "true" : "false")}">
            <taxii_11:Description>ThreatConnect Organization Data</taxii_11:Description>
            <taxii_11:Content_Binding binding_id="CB_STIX_XML_111"/>
            <taxii_11:Polling_Service>
              <taxii_11:Protocol_Binding>urn:taxii.mitre.org:protocol:http:1.0</taxii_11:Protocol_Binding>
              <taxii_11:Address>{poll}</taxii_11:Address>
              <taxii_11:Message_Binding>urn:taxii.mitre.org:message:xml:1.1</taxii_11:Message_Binding>
            </taxii_11:Polling_Service>
          </taxii_11:Collection>
          """))}
        </taxii_11:Collection_Information_Response>
        """;

    /// <summary>A Poll_Response part with one STIX package per domain (one TC Host indicator each).</summary>
    public static string Poll(string collection, bool more, int part, params string[] domains) => $"""
        <taxii_11:Poll_Response xmlns:taxii_11="{Ns}" message_id="urn:uuid:3" in_response_to="3" collection_name="{collection}" more="{(more ? "true" : "false")}" result_id="1795305600000:1795392000000" result_part_number="{part}">
        {string.Concat(domains.Select(d => $"""
          <taxii_11:Content_Block>
            <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
            <taxii_11:Content>
              <stix:STIX_Package xmlns:stix="http://stix.mitre.org/stix-1" xmlns:indicator="http://stix.mitre.org/Indicator-2" xmlns:cybox="http://cybox.mitre.org/cybox-2" xmlns:cyboxDN="http://cybox.mitre.org/objects#DomainNameObject-1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="threatconnect:STIXPackage-{d}" version="1.1.1" timestamp="2026-11-23T10:00:00.000Z">
                <stix:Indicators>
                  <stix:Indicator id="threatconnect:Indicator-{d}" timestamp="2026-11-23T09:00:00.000Z" xsi:type="indicator:IndicatorType">
                    <indicator:Type>Domain Watchlist</indicator:Type>
                    <indicator:Description>Host: {d}|threatassess: 300|owner: {collection}</indicator:Description>
                    <indicator:Observable><cybox:Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value condition="Equals">{d}</cyboxDN:Value></cybox:Properties></cybox:Object></indicator:Observable>
                  </stix:Indicator>
                </stix:Indicators>
              </stix:STIX_Package>
            </taxii_11:Content>
          </taxii_11:Content_Block>
          """))}
        </taxii_11:Poll_Response>
        """;
}
