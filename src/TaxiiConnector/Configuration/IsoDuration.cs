using System.Globalization;

namespace TaxiiConnector.Configuration;

/// <summary>
/// A strict ISO-8601 duration parser for the forms a schedule needs: <c>PnW</c>, <c>PnD</c>, <c>PTnH</c>, <c>PTnM</c>,
/// <c>PTnS</c> (fractional seconds allowed) and their combinations in ISO order, e.g. <c>PT60M</c>, <c>PT1H30M</c>,
/// <c>P1D</c>, <c>PT30S</c>, <c>P1DT12H</c>. Years and months are refused: their length depends on the calendar, and a
/// schedule that silently means 30 or 31 days is worse than an error at start.
/// </summary>
public static partial class IsoDuration
{
    /// <summary>"years" or "months" when <paramref name="text"/> is an ISO-8601 duration using them (<c>P1M</c>, <c>P1Y2M</c>), else null.</summary>
    public static string? CalendarUnit(string? text)
    {
        var match = CalendarDuration().Match(text?.Trim() ?? string.Empty);
        return match.Groups["months"].Success ? "months" : match.Groups["years"].Success ? "years" : null;
    }

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Length < 3 || (span[0] != 'P' && span[0] != 'p'))
        {
            return false;
        }

        var rest = span[1..];
        var inTimePart = false;
        var lastRank = -1;
        var components = 0;
        decimal totalSeconds = 0;

        while (!rest.IsEmpty)
        {
            if (rest[0] is 'T' or 't')
            {
                if (inTimePart || rest.Length == 1)
                {
                    return false;
                }

                inTimePart = true;
                rest = rest[1..];
                continue;
            }

            var length = 0;
            while (length < rest.Length && (char.IsAsciiDigit(rest[length]) || rest[length] == '.'))
            {
                length++;
            }

            if (length == 0 || length == rest.Length)
            {
                return false;
            }

            var number = rest[..length];
            var designator = char.ToUpperInvariant(rest[length]);
            rest = rest[(length + 1)..];

            var (rank, seconds) = (inTimePart, designator) switch
            {
                (false, 'W') => (0, 7m * 24 * 3600),
                (false, 'D') => (1, 24m * 3600),
                (true, 'H') => (2, 3600m),
                (true, 'M') => (3, 60m),
                (true, 'S') => (4, 1m),
                _ => (-1, 0m),
            };

            // Each component once, in ISO order; only seconds may carry a fraction.
            if (rank <= lastRank || (rank != 4 && number.Contains('.')))
            {
                return false;
            }

            if (number[0] == '.' || number[^1] == '.' || number.Count('.') > 1
                || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            lastRank = rank;
            components++;
            try
            {
                totalSeconds += value * seconds;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        if (components == 0 || totalSeconds > (decimal)TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(totalSeconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>The canonical ISO-8601 form of a duration (<c>PT1H30M</c>, <c>P1D</c>, <c>PT0S</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "A negative duration has no ISO-8601 form here.");
        }

        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var builder = new System.Text.StringBuilder("P");
        if (duration.Days > 0)
        {
            builder.Append(duration.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        var time = duration - TimeSpan.FromDays(duration.Days);
        if (time > TimeSpan.Zero)
        {
            builder.Append('T');
            if (time.Hours > 0)
            {
                builder.Append(time.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (time.Minutes > 0)
            {
                builder.Append(time.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            var seconds = time - new TimeSpan(time.Hours, time.Minutes, 0);
            if (seconds > TimeSpan.Zero)
            {
                builder.Append(((decimal)seconds.Ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return builder.ToString();
    }

    // The date part only: PT1M is one minute and parses; P1M (and P1Y, P1Y2M3D...) is a calendar duration.
    [System.Text.RegularExpressions.GeneratedRegex(@"^P(?:(?<years>\d+)Y)?(?:(?<months>\d+)M)?(?:\d+W)?(?:\d+D)?(?:T.*)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CalendarDuration();
}
