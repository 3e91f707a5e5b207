namespace TaxiiConnector.Sources.CyberThreatExchange.Pagination;

/// <summary>
/// One paginated listing of the API: where it lives, which property holds its items and which query parameter a
/// <c>next</c> cursor goes back in (<c>cursor</c> for subscriptions, <c>added_after</c> for feed objects).
/// </summary>
internal sealed record CtxListRequest(string Path, string ListKey, string CursorParameter, string? InitialCursor, string Description);
