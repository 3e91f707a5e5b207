using System.Text;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>Builds <c>objects/?added_after=…&amp;limit=…&amp;match[f]=a,b&amp;next=…</c>: each field once, values comma-joined.</summary>
internal static class ObjectsUrlBuilder
{
    public static Uri Build(Uri objectsUrl, string? addedAfter, int? limit, IReadOnlyDictionary<string, IReadOnlyList<string>> match, string? next)
    {
        var query = new StringBuilder();
        if (!string.IsNullOrEmpty(addedAfter))
        {
            Append(query, "added_after", Uri.EscapeDataString(addedAfter));
        }

        if (limit is { } l)
        {
            Append(query, "limit", l.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (field, values) in match.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var joined = string.Join(',', values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Uri.EscapeDataString(v.Trim())));
            if (joined.Length > 0)
            {
                Append(query, "match%5B" + Uri.EscapeDataString(field) + "%5D", joined);
            }
        }

        if (!string.IsNullOrEmpty(next))
        {
            Append(query, "next", Uri.EscapeDataString(next));
        }

        return query.Length == 0 ? objectsUrl : new Uri(objectsUrl.GetLeftPart(UriPartial.Path) + "?" + query);
    }

    private static void Append(StringBuilder query, string key, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(key).Append('=').Append(value);
    }
}
