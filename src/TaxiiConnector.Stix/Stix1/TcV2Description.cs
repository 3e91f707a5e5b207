using System.Globalization;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// ThreatConnect's TC_V2 indicator description:
/// <c>&lt;type&gt; &lt;value&gt;|[desc: …]|[src: …]|rating: …|threatassess: …|falsepositives: …|owner: …</c>.
/// Real servers also send <c>Host: example.com|…</c> and leave optional fields out.
/// </summary>
public sealed record TcV2Description(
    string IndicatorType,
    string Value,
    string? Description,
    string? Source,
    double? Rating,
    double? ThreatAssess,
    int? FalsePositives,
    string? Owner)
{
    private static readonly string[] Types = ["Host", "Address", "URL", "File", "EmailAddress", "Email Address"];
    private static readonly string[] Keys = ["desc", "src", "rating", "threatassess", "falsepositives", "owner"];

    /// <summary>
    /// Parses tolerantly: fields split on <c>|</c>, each optionally wrapped in <c>[ ]</c>; a segment that does not start
    /// with a known key belongs to the previous field (a pipe inside a description or URL). Text that names no TC type
    /// or carries no known key is not TC_V2.
    /// </summary>
    public static bool TryParse(string? text, out TcV2Description? description)
    {
        description = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var segments = text.Split('|');
        if (!TryParseHead(segments[0].Trim(), out var type, out var value))
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var bracketed = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i].Trim();
            var opensBracket = segment.StartsWith('[');
            var body = opensBracket ? segment[1..].TrimStart() : segment;
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? body[..colon].Trim().ToLowerInvariant() : null;
            if (key is not null && Array.IndexOf(Keys, key) >= 0)
            {
                current = key;
                fields[key] = segments[i][(segments[i].IndexOf(':', StringComparison.Ordinal) + 1)..];
                if (opensBracket)
                {
                    bracketed.Add(key);
                }
            }
            else if (current is null)
            {
                value += "|" + segments[i];
            }
            else
            {
                fields[current] += "|" + segments[i];
            }
        }

        foreach (var key in bracketed)
        {
            // "[desc: a | b]": the closing bracket ends the last segment of the field, wherever the pipes split it.
            var field = fields[key].TrimEnd();
            fields[key] = field.EndsWith(']') ? field[..^1] : field;
        }

        if (fields.Count == 0)
        {
            return false;
        }

        description = new TcV2Description(
            type,
            value.Trim(),
            NonEmpty(fields.GetValueOrDefault("desc")),
            NonEmpty(fields.GetValueOrDefault("src")),
            Number(fields.GetValueOrDefault("rating")),
            Number(fields.GetValueOrDefault("threatassess")),
            Number(fields.GetValueOrDefault("falsepositives")) is { } fp ? (int)Math.Round(fp) : null,
            NonEmpty(fields.GetValueOrDefault("owner")));
        return true;
    }

    /// <summary>ThreatAssess (0–1000) as an OpenCTI score (0–100); the rating (0–5) × 20 when there is no ThreatAssess.</summary>
    public int? Score => ThreatAssess is { } assess
        ? Math.Clamp((int)Math.Round(assess / 10, MidpointRounding.AwayFromZero), 0, 100)
        : Rating is { } rating and > 0 ? Math.Clamp((int)Math.Round(rating * 20, MidpointRounding.AwayFromZero), 0, 100) : null;

    private static bool TryParseHead(string head, out string type, out string value)
    {
        foreach (var candidate in Types)
        {
            if (head.Length > candidate.Length
                && head.StartsWith(candidate, StringComparison.OrdinalIgnoreCase)
                && (head[candidate.Length] == ':' || char.IsWhiteSpace(head[candidate.Length])))
            {
                type = candidate;
                value = head[candidate.Length..].TrimStart().TrimStart(':').Trim();
                return value.Length > 0;
            }
        }

        type = value = string.Empty;
        return false;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static double? Number(string? value) =>
        double.TryParse(value?.Trim().Trim('[', ']'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
