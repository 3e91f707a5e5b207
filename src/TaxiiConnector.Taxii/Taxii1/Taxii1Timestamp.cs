using System.Globalization;

namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>
/// The <c>xs:dateTime</c> form TAXII 1.1 timestamps are sent in: UTC with an explicit <c>Z</c> offset and milliseconds.
/// A timestamp without a zone is rejected by schema-checking servers (OpenTAXII answers BAD_MESSAGE).
/// </summary>
public static class Taxii1Timestamp
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToWire(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses an <c>xs:dateTime</c>; a value without a zone is taken as UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text?.Trim(),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);

    /// <summary>Drops sub-millisecond ticks so a value survives a round trip through <see cref="ToWire"/> unchanged.</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
