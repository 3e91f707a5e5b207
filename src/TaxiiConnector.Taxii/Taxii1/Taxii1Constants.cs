namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>The fixed protocol strings of TAXII 1.1 (XML message binding 1.1, HTTP(S) protocol binding 1.0).</summary>
public static class Taxii1Constants
{
    public const string MessagesNamespace = "http://taxii.mitre.org/messages/taxii_xml_binding-1.1";
    public const string MessageBinding11 = "urn:taxii.mitre.org:message:xml:1.1";
    public const string MessageBinding10 = "urn:taxii.mitre.org:message:xml:1.0";
    public const string Services11 = "urn:taxii.mitre.org:services:1.1";
    public const string ProtocolHttp = "urn:taxii.mitre.org:protocol:http:1.0";
    public const string ProtocolHttps = "urn:taxii.mitre.org:protocol:https:1.0";
    public const string Stix111ContentBinding = "urn:stix.mitre.org:xml:1.1.1";

    public const string HeaderContentType = "X-TAXII-Content-Type";
    public const string HeaderAccept = "X-TAXII-Accept";
    public const string HeaderProtocol = "X-TAXII-Protocol";
    public const string HeaderServices = "X-TAXII-Services";

    public const string XmlMediaType = "application/xml";
}
