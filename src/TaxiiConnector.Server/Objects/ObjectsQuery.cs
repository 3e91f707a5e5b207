using Microsoft.AspNetCore.Http;
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

        if (!PagingParameters.TryParse(query, out var paging, ref error)
            || !PagingParameters.TrySingle(query, "match[id]", out var idText, ref error)
            || !PagingParameters.TrySingle(query, "match[type]", out var typeText, ref error)
            || !PagingParameters.TrySingle(query, "match[version]", out var versionText, ref error)
            || !PagingParameters.TrySingle(query, "match[spec_version]", out var specVersionText, ref error))
        {
            return false;
        }

        if (!TryParseVersions(versionText, out var versions, ref error))
        {
            return false;
        }

        parsed = new ObjectsQuery
        {
            AddedAfter = paging.AddedAfter,
            Limit = paging.Limit,
            Next = paging.Next,
            Ids = SplitList(idText),
            Types = SplitList(typeText),
            Versions = versions,
            SpecVersionMatches = specVersionText is null || SplitList(specVersionText)!.Contains("2.1"),
            FilterFingerprint = PagingParameters.Fingerprint(paging.AddedAfterText, idText, typeText, versionText, specVersionText),
        };
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

}
