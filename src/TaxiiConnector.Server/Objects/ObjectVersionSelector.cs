using TaxiiConnector.Server.Storage;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// Finds the stored versions of one object and keeps those a <see cref="SingleObjectQuery"/> asks for, in ascending
/// <c>date_added</c> order (the sequence's own order). A version is the object's <c>modified</c>, else its <c>created</c>,
/// else its <c>date_added</c> (as the manifest reports it).
/// </summary>
internal static class ObjectVersionSelector
{
    /// <summary>Every index holding a version of <paramref name="objectId"/>; empty when the object is unknown.</summary>
    public static List<long> FindVersions(ITaxiiObjectSequence objects, string objectId)
    {
        var found = new List<long>();
        var count = objects.Count;
        for (long index = 0; index < count; index++)
        {
            if (string.Equals(objects.GetObjectId(index), objectId, StringComparison.Ordinal))
            {
                found.Add(index);
            }
        }

        return found;
    }

    /// <summary>The versions the query selects: <c>match[version]</c> first, then <c>added_after</c> (the filters are ANDed).</summary>
    public static List<long> Select(ITaxiiObjectSequence objects, IReadOnlyList<long> versions, SingleObjectQuery query)
    {
        if (!query.SpecVersionMatches || versions.Count == 0)
        {
            return [];
        }

        var stamps = versions.Select(index => VersionOf(objects, index)).ToList();
        var earliest = stamps.Min();
        var latest = stamps.Max();
        var selected = new List<long>();
        for (var i = 0; i < versions.Count; i++)
        {
            var stamp = stamps[i];
            var wanted = query.AllVersions
                || (query.FirstVersion && stamp == earliest)
                || (query.LastVersion && stamp == latest)
                || query.ExactVersions.Contains(stamp);
            if (wanted && (query.AddedAfter is not { } after || objects.GetDateAdded(versions[i]) > after))
            {
                selected.Add(versions[i]);
            }
        }

        return selected;
    }

    /// <summary>The version as the STIX timestamp text the versions list shows.</summary>
    public static string VersionText(ITaxiiObjectSequence objects, long index) =>
        objects.GetObjectVersion(index) ?? TaxiiTimestamp.Format(objects.GetDateAdded(index));

    private static DateTimeOffset VersionOf(ITaxiiObjectSequence objects, long index) =>
        objects.GetObjectVersion(index) is { } text && TaxiiTimestamp.TryParseWithZone(text, out var version)
            ? version
            : objects.GetDateAdded(index);
}
