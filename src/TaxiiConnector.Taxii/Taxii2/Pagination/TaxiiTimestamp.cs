using System.Globalization;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>
/// TAXII timestamps (TAXII 2.1 §2): RFC 3339 UTC with a <c>Z</c> and microseconds on the way out; parsed defensively
/// from what servers send, strictly from what clients ask a server for. The client and the project's server share it.
/// </summary>
public static class TaxiiTimestamp
{
    /// <summary>The length of a formatted timestamp, for callers that format into a span.</summary>
    public const int Length = 27;

    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Formats a time as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, the only form every server parses.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Formats as UTF-8 into <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    public static int FormatUtf8(DateTimeOffset value, Span<byte> destination)
    {
        if (!value.UtcDateTime.TryFormat(destination, out var written, Pattern, CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("The destination is too small for a TAXII timestamp.", nameof(destination));
        }

        return written;
    }

    /// <summary>Drops what a TAXII timestamp cannot carry, so that a stored value and its formatted form compare equal.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>
    /// Parses an RFC 3339 date-time that names its time zone (<c>Z</c> or an offset). Date-only values and values without
    /// a zone are refused: a server must answer 400 to a query parameter it cannot read exactly, not guess.
    /// </summary>
    public static bool TryParseWithZone(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 20 || text[10] is not ('T' or 't'))
        {
            return false;
        }

        var hasZone = text[^1] is 'Z' or 'z' || text.LastIndexOfAny(['+', '-']) > 10;
        if (!hasZone || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

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
