namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>One <c>Collection</c> of a <c>Collection_Information_Response</c> (ThreatConnect: one per data owner).</summary>
public sealed record Taxii1CollectionInfo(
    string Name,
    string? CollectionType,
    bool Available,
    string? Description,
    IReadOnlyList<string> ContentBindings,
    IReadOnlyList<Uri> PollingAddresses);
