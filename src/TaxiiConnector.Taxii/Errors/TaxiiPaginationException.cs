namespace TaxiiConnector.Taxii.Errors;

/// <summary>
/// Paging of one collection was stopped by a loop guard (a page with nothing new, an <c>added_after</c> that does not
/// advance, a page budget overrun, or <c>more</c> with nothing to continue from). Pages already yielded stay valid.
/// </summary>
public sealed class TaxiiPaginationException : TaxiiException
{
    public TaxiiPaginationException()
    {
    }

    public TaxiiPaginationException(string message)
        : base(message)
    {
    }

    public TaxiiPaginationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public TaxiiPaginationException(string reason, Uri server, string collectionId, int pagesRead, string? cursor)
        : base($"Paging stopped for collection {collectionId} at {server}: {reason} (after {pagesRead} page(s), cursor {cursor ?? "none"})")
    {
        Reason = reason;
        Server = server;
        CollectionId = collectionId;
        PagesRead = pagesRead;
        Cursor = cursor;
    }

    public string? Reason { get; }

    /// <summary>The API root URL of the collection.</summary>
    public Uri? Server { get; }

    public string? CollectionId { get; }

    public int PagesRead { get; }

    /// <summary>The cursor in use when paging stopped (<c>next</c>, <c>added_after</c> or a 2.0 range), for the log line.</summary>
    public string? Cursor { get; }
}
