namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>A TAXII 1.1 <c>Status_Message</c>: the type, its <c>Status_Detail/Detail</c> pairs (in order) and the message text.</summary>
public sealed record Taxii1StatusMessage(
    string StatusType,
    IReadOnlyList<KeyValuePair<string, string>> Details,
    string? Message,
    string? InResponseTo)
{
    /// <summary>The first detail with this name (TAXII detail names are upper-case, e.g. <c>ESTIMATED_WAIT</c>).</summary>
    public string? Detail(string name) =>
        Details.FirstOrDefault(d => string.Equals(d.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
