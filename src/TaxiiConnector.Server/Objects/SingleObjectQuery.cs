using Microsoft.AspNetCore.Http;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// The parameters of Get an Object and Get Object Versions (TAXII 2.1 §5.6, §5.8): <c>added_after</c>, <c>limit</c>,
/// <c>next</c>, <c>match[spec_version]</c> and, for Get an Object only, <c>match[version]</c> (default <c>last</c>).
/// </summary>
internal sealed class SingleObjectQuery
{
    private SingleObjectQuery()
    {
    }

    public DateTimeOffset? AddedAfter { get; private init; }

    public int? Limit { get; private init; }

    public string? Next { get; private init; }

    /// <summary><c>match[version]</c> holds <c>all</c>.</summary>
    public bool AllVersions { get; private init; }

    public bool FirstVersion { get; private init; }

    public bool LastVersion { get; private init; }

    /// <summary>Exact versions asked for (STIX <c>modified</c>, else <c>created</c>).</summary>
    public HashSet<DateTimeOffset> ExactVersions { get; } = [];

    /// <summary>False when <c>match[spec_version]</c> excludes 2.1, the only spec version this server holds.</summary>
    public bool SpecVersionMatches { get; private init; } = true;

    /// <summary>Ties a <c>next</c> cursor to the object and the filters it was issued for.</summary>
    public ulong FilterFingerprint { get; private init; }

    /// <param name="objectId">The object the request is about (part of the cursor's fingerprint).</param>
    /// <param name="versionFilter">Whether <c>match[version]</c> is read (Get an Object) or ignored (Get Object Versions).</param>
    public static bool TryParse(IQueryCollection query, string objectId, bool versionFilter, out SingleObjectQuery parsed, out string? error)
    {
        parsed = new SingleObjectQuery();
        error = null;
        if (!PagingParameters.TryParse(query, out var paging, ref error)
            || !PagingParameters.TrySingle(query, "match[version]", out var versionText, ref error)
            || !PagingParameters.TrySingle(query, "match[spec_version]", out var specVersionText, ref error))
        {
            return false;
        }

        bool all = false, first = false, last = false;
        var exact = new HashSet<DateTimeOffset>();
        var versions = versionFilter && versionText is not null ? Split(versionText) : ["last"];
        foreach (var token in versions)
        {
            switch (token)
            {
                case "all":
                    all = true;
                    break;
                case "first":
                    first = true;
                    break;
                case "last":
                    last = true;
                    break;
                default:
                    if (!TaxiiTimestamp.TryParseWithZone(token, out var version))
                    {
                        error = "match[version] takes all, first, last or STIX timestamps (comma-separated).";
                        return false;
                    }

                    exact.Add(version);
                    break;
            }
        }

        if (all && versions.Length > 1)
        {
            error = "match[version]=all cannot be combined with other values.";
            return false;
        }

        parsed = new SingleObjectQuery
        {
            AddedAfter = paging.AddedAfter,
            Limit = paging.Limit,
            Next = paging.Next,
            AllVersions = all || !versionFilter,
            FirstVersion = first,
            LastVersion = last,
            SpecVersionMatches = specVersionText is null || Split(specVersionText).Contains("2.1"),
            FilterFingerprint = PagingParameters.Fingerprint(objectId, paging.AddedAfterText, versionFilter ? versionText : null, specVersionText),
        };
        parsed.ExactVersions.UnionWith(exact);
        return true;
    }

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);


}
