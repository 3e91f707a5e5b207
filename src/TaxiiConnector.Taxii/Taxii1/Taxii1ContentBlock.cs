using System.Xml.Linq;

namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>
/// One <c>Content_Block</c> of a Poll_Response. <see cref="Payload"/> is the content's child element (the STIX package),
/// or the content text parsed as XML with the same hardened settings when the server escaped it; null when the content
/// is text that is not XML (kept in <see cref="Text"/>).
/// </summary>
public sealed record Taxii1ContentBlock(
    string? ContentBinding,
    XElement? Payload,
    string? Text,
    DateTimeOffset? TimestampLabel,
    int PartNumber);
