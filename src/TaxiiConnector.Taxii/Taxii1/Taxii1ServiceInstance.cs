namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>One <c>Service_Instance</c> of a <c>Discovery_Response</c>.</summary>
public sealed record Taxii1ServiceInstance(
    string ServiceType,
    string? ServiceVersion,
    bool Available,
    string? ProtocolBinding,
    Uri Address,
    IReadOnlyList<string> MessageBindings,
    IReadOnlyList<string> ContentBindings);

/// <summary>The <c>service_type</c> values a Discovery_Response lists.</summary>
public static class Taxii1ServiceType
{
    public const string Discovery = "DISCOVERY";
    public const string CollectionManagement = "COLLECTION_MANAGEMENT";
    public const string Poll = "POLL";
    public const string Inbox = "INBOX";
}
