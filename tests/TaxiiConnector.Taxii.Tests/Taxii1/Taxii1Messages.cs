namespace TaxiiConnector.Taxii.Tests.Taxii1;

/// <summary>Spec-exact TAXII 1.1 responses (XML message binding 1.1, element order as in the XSD).</summary>
internal static class Taxii1Messages
{
    public const string Ns = "http://taxii.mitre.org/messages/taxii_xml_binding-1.1";

    public static string Discovery(string baseUrl) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <taxii_11:Discovery_Response xmlns:taxii_11="{Ns}" message_id="urn:uuid:0b0a6c2e-0000-4000-8000-000000000010" in_response_to="1">
          <taxii_11:Service_Instance service_type="POLL" service_version="urn:taxii.mitre.org:services:1.1" available="true">
            <taxii_11:Protocol_Binding>urn:taxii.mitre.org:protocol:http:1.0</taxii_11:Protocol_Binding>
            <taxii_11:Address>{baseUrl}api/taxii/poll/</taxii_11:Address>
            <taxii_11:Message_Binding>urn:taxii.mitre.org:message:xml:1.1</taxii_11:Message_Binding>
            <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
          </taxii_11:Service_Instance>
          <taxii_11:Service_Instance service_type="COLLECTION_MANAGEMENT" service_version="urn:taxii.mitre.org:services:1.1" available="true">
            <taxii_11:Protocol_Binding>urn:taxii.mitre.org:protocol:http:1.0</taxii_11:Protocol_Binding>
            <taxii_11:Address>/api/taxii/collection-management/</taxii_11:Address>
            <taxii_11:Message_Binding>urn:taxii.mitre.org:message:xml:1.1</taxii_11:Message_Binding>
          </taxii_11:Service_Instance>
          <taxii_11:Service_Instance service_type="DISCOVERY" service_version="urn:taxii.mitre.org:services:1.1" available="true">
            <taxii_11:Protocol_Binding>urn:taxii.mitre.org:protocol:http:1.0</taxii_11:Protocol_Binding>
            <taxii_11:Address>{baseUrl}api/taxii/discovery/</taxii_11:Address>
            <taxii_11:Message_Binding>urn:taxii.mitre.org:message:xml:1.1</taxii_11:Message_Binding>
          </taxii_11:Service_Instance>
        </taxii_11:Discovery_Response>
        """;

    public static string Collections(string pollUrl) => $"""
        <taxii_11:Collection_Information_Response xmlns:taxii_11="{Ns}" message_id="urn:uuid:0b0a6c2e-0000-4000-8000-000000000011" in_response_to="2">
          <taxii_11:Collection collection_name="Example Org" collection_type="DATA_FEED" available="true">
            <taxii_11:Description>ThreatConnect Organization Data</taxii_11:Description>
            <taxii_11:Content_Binding binding_id="CB_STIX_XML_111"/>
            <taxii_11:Polling_Service>
              <taxii_11:Protocol_Binding>urn:taxii.mitre.org:protocol:http:1.0</taxii_11:Protocol_Binding>
              <taxii_11:Address>{pollUrl}</taxii_11:Address>
              <taxii_11:Message_Binding>urn:taxii.mitre.org:message:xml:1.1</taxii_11:Message_Binding>
            </taxii_11:Polling_Service>
          </taxii_11:Collection>
          <taxii_11:Collection collection_name="Finance Branch Log Analysis" collection_type="DATA_FEED" available="false">
            <taxii_11:Description>ThreatConnect Source Data</taxii_11:Description>
          </taxii_11:Collection>
        </taxii_11:Collection_Information_Response>
        """;

    /// <summary>A Poll_Response part whose blocks each hold a one-indicator STIX 1.1.1 package named by <paramref name="markers"/>.</summary>
    public static string PollResponse(bool? more, int part, params string[] markers)
    {
        var moreAttribute = more is null ? string.Empty : $" more=\"{(more.Value ? "true" : "false")}\"";
        var blocks = string.Concat(markers.Select(m => $"""
              <taxii_11:Content_Block>
                <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
                <taxii_11:Content>
                  <stix:STIX_Package xmlns:stix="http://stix.mitre.org/stix-1" id="example:Package-{m}" version="1.1.1"><stix:STIX_Header><stix:Title>{m}</stix:Title></stix:STIX_Header></stix:STIX_Package>
                </taxii_11:Content>
                <taxii_11:Timestamp_Label>2026-11-22T13:05:41.123Z</taxii_11:Timestamp_Label>
              </taxii_11:Content_Block>
            """));
        return $"""
            <taxii_11:Poll_Response xmlns:taxii_11="{Ns}" message_id="urn:uuid:0b0a6c2e-0000-4000-8000-00000000001{part}" in_response_to="3" collection_name="Example Org"{moreAttribute} result_id="1795305600000:1795392000000" result_part_number="{part}">
              <taxii_11:Exclusive_Begin_Timestamp>2026-11-22T00:00:00Z</taxii_11:Exclusive_Begin_Timestamp>
              <taxii_11:Inclusive_End_Timestamp>2026-11-23T00:00:00Z</taxii_11:Inclusive_End_Timestamp>
              <taxii_11:Record_Count partial_count="true">{markers.Length}</taxii_11:Record_Count>
            {blocks}
            </taxii_11:Poll_Response>
            """;
    }

    public static string Status(string statusType, string? message = null, params (string Name, string Value)[] details)
    {
        var detailXml = details.Length == 0
            ? string.Empty
            : "<taxii_11:Status_Detail>" + string.Concat(details.Select(d => $"<taxii_11:Detail name=\"{d.Name}\">{d.Value}</taxii_11:Detail>")) + "</taxii_11:Status_Detail>";
        var messageXml = message is null ? string.Empty : $"<taxii_11:Message>{message}</taxii_11:Message>";
        return $"""
            <taxii_11:Status_Message xmlns:taxii_11="{Ns}" message_id="urn:uuid:0b0a6c2e-0000-4000-8000-000000000013" in_response_to="0" status_type="{statusType}">{detailXml}{messageXml}</taxii_11:Status_Message>
            """;
    }
}
