using System.Text.Json;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>
/// The <c>added_after</c> high-water mark of one collection read. Only server-supplied <c>date_added</c> values move it,
/// only forward, and the raw string is kept so it is sent back exactly as the server wrote it.
/// </summary>
internal sealed class ResumeCursor
{
    private DateTimeOffset? _mark;

    public ResumeCursor(string? initialAddedAfter)
    {
        Value = initialAddedAfter;
        if (TaxiiTimestamp.TryParse(initialAddedAfter, out var parsed))
        {
            _mark = parsed;
        }
    }

    /// <summary>The value safe to resume from (the query's <c>added_after</c> until the server supplies something newer).</summary>
    public string? Value { get; private set; }

    /// <summary>The newest server <c>date_added</c> seen in this read, raw; null while none was seen.</summary>
    public string? Newest { get; private set; }

    /// <summary>Observes a page: its <c>X-TAXII-Date-Added-Last</c> when valid, else the greatest <c>date_added</c> on its objects.</summary>
    /// <returns>True when the mark moved forward.</returns>
    public bool Observe(string? dateAddedLastHeader, IReadOnlyList<JsonElement> objects)
    {
        if (TaxiiTimestamp.TryParse(dateAddedLastHeader, out var fromHeader))
        {
            return Advance(dateAddedLastHeader!, fromHeader);
        }

        string? bestRaw = null;
        DateTimeOffset best = default;
        foreach (var item in objects)
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("date_added", out var added)
                && added.ValueKind == JsonValueKind.String
                && added.GetString() is { } raw
                && TaxiiTimestamp.TryParse(raw, out var parsed)
                && (bestRaw is null || parsed > best))
            {
                bestRaw = raw;
                best = parsed;
            }
        }

        return bestRaw is not null && Advance(bestRaw, best);
    }

    /// <summary>True when <paramref name="candidate"/> is a timestamp strictly after <paramref name="reference"/> (or the reference is not one).</summary>
    public static bool IsAfter(string? candidate, string? reference)
    {
        if (!TaxiiTimestamp.TryParse(candidate, out var c))
        {
            return false;
        }

        return !TaxiiTimestamp.TryParse(reference, out var r) ? !string.Equals(candidate, reference, StringComparison.Ordinal) : c > r;
    }

    private bool Advance(string raw, DateTimeOffset value)
    {
        if (_mark is { } mark && value <= mark)
        {
            return false;
        }

        _mark = value;
        Value = raw;
        Newest = raw;
        return true;
    }
}
