using System.Globalization;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>TAXII timestamps: RFC 3339 UTC with a <c>Z</c> and microseconds on the way out, parsed defensively on the way in.</summary>
public static class TaxiiTimestamp
{
    /// <summary>Formats a time as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, the only form every server parses.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an RFC 3339 timestamp (any fraction length, <c>Z</c> or an offset). Returns false for anything else,
    /// such as the literal <c>undefined</c> or JavaScript <c>Date.toString()</c> text some servers send.
    /// </summary>
    public static bool TryParse(string? value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        // RFC 3339 needs at least "yyyy-MM-ddTHH:mm:ss" and a zone; reject looser forms DateTimeOffset would accept.
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't'))
        {
            return false;
        }

        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
            out timestamp);
    }
}
