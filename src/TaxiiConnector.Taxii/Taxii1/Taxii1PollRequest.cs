namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>
/// A synchronous, full-content poll of one collection for the window (<paramref name="ExclusiveBegin"/>,
/// <paramref name="InclusiveEnd"/>]: a block stamped exactly at the begin is not returned, one stamped at the end is.
/// </summary>
public sealed record Taxii1PollRequest(Uri PollUrl, string CollectionName, DateTimeOffset? ExclusiveBegin, DateTimeOffset? InclusiveEnd);
