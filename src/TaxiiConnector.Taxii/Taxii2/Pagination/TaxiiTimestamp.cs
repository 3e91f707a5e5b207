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

    /// <summary>
    /// The timestamp one unit of its own precision earlier (<c>…02.123Z</c> → <c>…02.122000Z</c>; no fraction: one
    /// second), formatted with <see cref="Format"/>. A caller committing a resume point in the middle of a result uses
    /// it: objects sharing the page's last <c>date_added</c> may continue on the next page, and <c>added_after</c> is
    /// strictly after, so resuming from the exact value could skip them; stepping back re-reads them instead.
    /// </summary>
    public static bool TryStepBack(string? value, out string earlier)
    {
        earlier = string.Empty;
        if (!TryParse(value, out var timestamp))
        {
            return false;
        }

        var text = value!.Trim();
        var digits = 0;
        var dot = text.IndexOf('.', 19);
        if (dot == 19)
        {
            while (dot + 1 + digits < text.Length && char.IsAsciiDigit(text[dot + 1 + digits]))
            {
                digits++;
            }
        }

        // Format keeps microseconds, so finer precisions step back by one microsecond.
        var unit = TimeSpan.FromTicks(digits switch
        {
            0 => TimeSpan.TicksPerSecond,
            1 => TimeSpan.TicksPerSecond / 10,
            2 => TimeSpan.TicksPerSecond / 100,
            3 => TimeSpan.TicksPerMillisecond,
            4 => TimeSpan.TicksPerMillisecond / 10,
            5 => TimeSpan.TicksPerMillisecond / 100,
            _ => TimeSpan.TicksPerMicrosecond,
        });
        var truncated = new DateTimeOffset(timestamp.UtcTicks - (timestamp.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
        earlier = Format(truncated - unit);
        return true;
    }
}
