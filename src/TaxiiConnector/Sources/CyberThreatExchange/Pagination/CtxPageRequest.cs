using System.Globalization;
using System.Text;

namespace TaxiiConnector.Sources.CyberThreatExchange.Pagination;

/// <summary>One request of a listing: its URL and the cursor and page number it carries (to tell whether they advance).</summary>
internal sealed record CtxPageRequest(Uri Uri, string? Cursor, int? PageNumber)
{
    /// <summary>Every request of the API carries <c>page_size=200</c>, as the Python connector sends.</summary>
    public const int PageSize = 200;

    /// <summary><c>{base}{path}?page_size=200[&amp;{cursor parameter}=...][&amp;page=N]</c>.</summary>
    public static CtxPageRequest Build(Uri baseUri, CtxListRequest list, string? cursor, int? pageNumber)
    {
        var query = new StringBuilder("page_size=").Append(PageSize.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(cursor))
            query.Append('&').Append(list.CursorParameter).Append('=').Append(Uri.EscapeDataString(cursor));
        if (pageNumber is { } page)
            query.Append("&page=").Append(page.ToString(CultureInfo.InvariantCulture));

        return new CtxPageRequest(new Uri(baseUri, list.Path + "?" + query), cursor, pageNumber);
    }
}
