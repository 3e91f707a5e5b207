using System.Globalization;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>A parsed 2.0 <c>Content-Range: items a-b/total</c> (also <c>items a-b/*</c>, <c>items */total</c>, <c>items */*</c>).</summary>
internal readonly record struct ContentRange(long? First, long? Last, long? Total)
{
    public static bool TryParse(string? value, out ContentRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (!text.StartsWith("items", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        text = text[5..].TrimStart(' ', '=');
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var span = text[..slash].Trim();
        var totalText = text[(slash + 1)..].Trim();
        long? total = totalText == "*" ? null : long.TryParse(totalText, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1;
        if (total == -1)
        {
            return false;
        }

        if (span == "*")
        {
            range = new ContentRange(null, null, total);
            return true;
        }

        var dash = span.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(span[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(span[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return false;
        }

        range = new ContentRange(first, last, total);
        return true;
    }
}
