using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// Chooses the objects of one page before anything is written, because the <c>X-TAXII-Date-Added-*</c> headers and
/// <c>more</c> depend on them. Only indexes are kept; object bodies are written later, one at a time.
/// </summary>
internal static class ObjectPagePlanner
{
    public static ObjectPage Plan(ITaxiiObjectSequence objects, ObjectsQuery query, long start, int pageNumber, int limit, long scanBudget)
    {
        var count = objects.Count;
        if (!query.SpecVersionMatches)
        {
            return new ObjectPage([], pageNumber, null, null, null);
        }

        if (!query.HasObjectFilter)
        {
            return PlanRange(objects, start, pageNumber, limit, scanBudget);
        }

        var indexes = new List<long>(Math.Min(limit, 1024));
        var scanned = 0L;
        var position = start;

        while (position < count && indexes.Count < limit && scanned < scanBudget)
        {
            if (Matches(objects, position, query))
            {
                indexes.Add(position);
            }

            position++;
            scanned++;
        }

        // Look ahead for a matching object so that "more" never promises a page that would come back empty. A budget
        // bounds the work per request under a very selective filter; then the page says more and the next one goes on.
        while (position < count && scanned < scanBudget && !Matches(objects, position, query))
        {
            position++;
            scanned++;
        }

        long? nextPosition = position < count ? position : null;
        DateTimeOffset? first = indexes.Count > 0 ? objects.GetDateAdded(indexes[0]) : null;
        DateTimeOffset? last = indexes.Count > 0 ? objects.GetDateAdded(indexes[^1]) : null;
        return new ObjectPage(indexes, pageNumber, nextPosition, first, last);
    }

    /// <summary>
    /// Without object filters every object matches, so the page is the next <paramref name="limit"/> indexes (the scan budget
    /// still caps it, as it caps the filtered loop) and there is more exactly when it ends before the last object.
    /// </summary>
    private static ObjectPage PlanRange(ITaxiiObjectSequence objects, long start, int pageNumber, int limit, long scanBudget)
    {
        var count = objects.Count;
        var take = (int)Math.Max(0, Math.Min(Math.Min(limit, scanBudget), count - start));
        var end = start + take;
        long? nextPosition = end < count ? end : null;
        return take == 0
            ? new ObjectPage([], pageNumber, nextPosition, null, null)
            : new ObjectPage(new IndexRange(start, take), pageNumber, nextPosition, objects.GetDateAdded(start), objects.GetDateAdded(end - 1));
    }

    private static bool Matches(ITaxiiObjectSequence objects, long index, ObjectsQuery query)
    {
        if (!query.HasObjectFilter)
        {
            return true;
        }

        if (query.Types is not null && !query.Types.Contains(objects.GetObjectType(index)))
        {
            return false;
        }

        if (query.Ids is not null && !query.Ids.Contains(objects.GetObjectId(index)))
        {
            return false;
        }

        if (query.Versions is not null)
        {
            var version = objects.GetObjectVersion(index);
            return version is not null && TaxiiTimestamp.TryParseWithZone(version, out var parsed) && query.Versions.Contains(parsed);
        }

        return true;
    }
}
