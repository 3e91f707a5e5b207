using Microsoft.AspNetCore.Http;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Objects;

/// <summary>What one Get Objects response holds: the indexes of its objects and where the next page starts, if anywhere.</summary>
internal sealed class ObjectPage
{
    public ObjectPage(IReadOnlyList<long> indexes, int pageNumber, long? nextPosition, DateTimeOffset? firstDateAdded, DateTimeOffset? lastDateAdded)
    {
        Indexes = indexes;
        PageNumber = pageNumber;
        NextPosition = nextPosition;
        FirstDateAdded = firstDateAdded;
        LastDateAdded = lastDateAdded;
    }

    public IReadOnlyList<long> Indexes { get; }

    public int PageNumber { get; }

    /// <summary>Where the next page starts; null when this is the last page (<c>more</c> is false).</summary>
    public long? NextPosition { get; }

    public DateTimeOffset? FirstDateAdded { get; }

    public DateTimeOffset? LastDateAdded { get; }

    /// <summary>The <c>X-TAXII-Date-Added-First</c>/<c>-Last</c> headers of every object response (none when the page is empty).</summary>
    public void WriteDateAddedHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (FirstDateAdded is { } first && LastDateAdded is { } last)
        {
            response.Headers["X-TAXII-Date-Added-First"] = TaxiiTimestamp.Format(first);
            response.Headers["X-TAXII-Date-Added-Last"] = TaxiiTimestamp.Format(last);
        }
    }
}
