using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Objects;

/// <summary>The filters and paging parameters of a Get Objects request (TAXII 2.1 §3.4, §3.5).</summary>
internal sealed class ObjectsQuery
{
    private ObjectsQuery()
    {
    }

    public DateTimeOffset? AddedAfter { get; private init; }

    public int? Limit { get; private init; }

    public string? Next { get; private init; }

    public HashSet<string>? Ids { get; private init; }

    public HashSet<string>? Types { get; private init; }

    /// <summary>Exact versions asked for with <c>match[version]</c>; null when every stored version qualifies.</summary>
    public HashSet<DateTimeOffset>? Versions { get; private init; }

    /// <summary>False when <c>match[spec_version]</c> excludes 2.1, the only spec version this server holds.</summary>
    public bool SpecVersionMatches { get; private init; } = true;

    /// <summary>Identifies the filters so that a <c>next</c> cursor is only honoured with the filters it was issued for.</summary>
    public ulong FilterFingerprint { get; private init; }

    public bool HasObjectFilter => Ids is not null || Types is not null || Versions is not null;

    public static bool TryParse(IQueryCollection query, out ObjectsQuery parsed, out string? error)
    {
        parsed = new ObjectsQuery();
        error = null;

        if (!TrySingle(query, "added_after", out var addedAfterText, ref error)
            || !TrySingle(query, "limit", out var limitText, ref error)
            || !TrySingle(query, "next", out var next, ref error)
            || !TrySingle(query, "match[id]", out var idText, ref error)
            || !TrySingle(query, "match[type]", out var typeText, ref error)
            || !TrySingle(query, "match[version]", out var versionText, ref error)
            || !TrySingle(query, "match[spec_version]", out var specVersionText, ref error))
        {
            return false;
        }

        DateTimeOffset? addedAfter = null;
        if (addedAfterText is not null)
        {
            if (!TaxiiTimestamp.TryParseWithZone(addedAfterText, out var value))
            {
                error = "added_after must be an RFC 3339 timestamp with a time zone, e.g. 2026-01-01T00:00:00.000000Z.";
                return false;
            }

            addedAfter = value;
        }

        int? limit = null;
        if (limitText is not null)
        {
            if (!IsPositiveInteger(limitText))
            {
                error = "limit must be a positive integer.";
                return false;
            }

            // Any positive integer is a valid limit; beyond int the server's own cap applies anyway.
            limit = int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MaxValue;
        }

        if (next is { Length: 0 })
        {
            error = "next must not be empty.";
            return false;
        }

        if (!TryParseVersions(versionText, out var versions, ref error))
        {
            return false;
        }

        parsed = new ObjectsQuery
        {
            AddedAfter = addedAfter,
            Limit = limit,
            Next = next,
            Ids = SplitList(idText),
            Types = SplitList(typeText),
            Versions = versions,
            SpecVersionMatches = specVersionText is null || SplitList(specVersionText)!.Contains("2.1"),
            FilterFingerprint = Fingerprint(addedAfterText, idText, typeText, versionText, specVersionText),
        };
        return true;
    }

    private static bool IsPositiveInteger(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && text.Any(c => c != '0');

    private static bool TrySingle(IQueryCollection query, string name, out string? value, ref string? error)
    {
        value = null;
        if (!query.TryGetValue(name, out StringValues values))
        {
            return true;
        }

        if (values.Count > 1)
        {
            error = $"{name} must not be repeated; join several values with commas.";
            return false;
        }

        value = values[0];
        return true;
    }

    private static HashSet<string>? SplitList(string? text) =>
        text is null ? null : new HashSet<string>(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    private static bool TryParseVersions(string? text, out HashSet<DateTimeOffset>? versions, ref string? error)
    {
        versions = null;
        if (text is null)
        {
            return true;
        }

        var exact = new HashSet<DateTimeOffset>();
        foreach (var token in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Each object here has exactly one version, so first, last and all all select it.
            if (token is "first" or "last" or "all")
            {
                return true;
            }

            if (!TaxiiTimestamp.TryParseWithZone(token, out var version))
            {
                error = "match[version] takes first, last, all or STIX timestamps.";
                return false;
            }

            exact.Add(version);
        }

        versions = exact;
        return true;
    }

    private static ulong Fingerprint(params string?[] parts)
    {
        // FNV-1a over the raw filter texts: stable across processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var c in part ?? "\0")
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash = (hash ^ 0x1F) * 1099511628211UL;
        }

        return hash;
    }
}
