using System.Globalization;

namespace TaxiiConnector.Server.Protocol;

/// <summary>TAXII 2.1 timestamps (§2): RFC 3339 in UTC with a <c>Z</c> and microsecond precision.</summary>
public static class TaxiiTimestamp
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>The length of a formatted timestamp, for callers that format into a span.</summary>
    public const int Length = 27;

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

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
        new(value.UtcTicks - (value.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>
    /// Parses an RFC 3339 date-time with a time zone (<c>Z</c> or an offset). Date-only values and values without a zone
    /// are refused: a query parameter the server cannot read exactly must give 400, not a guess.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 20)
        {
            return false;
        }

        var timeSeparator = text[10];
        if (timeSeparator is not ('T' or 't'))
        {
            return false;
        }

        var last = text[^1];
        var hasZone = last is 'Z' or 'z' || text.LastIndexOfAny(['+', '-']) > 10;
        if (!hasZone)
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }
}
