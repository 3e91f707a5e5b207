using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Dedup;

/// <summary>
/// What de-duplication made of one page: how many of its entries the sink already had, and the versions to record
/// once the sink acknowledged the page's bundles.
/// </summary>
internal sealed class PageScreening
{
    private readonly CollectionDedup _collection;
    private List<CollectionDedup.Candidate>? _pending;
    private readonly List<ObjectVersion> _refresh;
    private List<ObjectVersion>? _toRecord;

    internal PageScreening(CollectionDedup collection, List<CollectionDedup.Candidate> pending, List<ObjectVersion> refresh, IReadOnlyList<int> duplicates)
    {
        _collection = collection;
        _pending = pending;
        _refresh = refresh;
        DuplicateSourceIndexes = duplicates;
    }

    /// <summary>Entries of the page left out because the sink already has their version.</summary>
    public int Duplicates => DuplicateSourceIndexes.Count;

    /// <summary>The source page's positions of the entries left out as <see cref="Duplicates"/>.</summary>
    public IReadOnlyList<int> DuplicateSourceIndexes { get; }

    /// <summary>
    /// Called once the bundles were cut: only what is in them will be recorded (not an object the bundle writer dropped
    /// as too large, not the shared objects when the page made no bundle at all). <paramref name="parts"/> are the
    /// transformer's, <paramref name="written"/> what the bundle writer got (the same, or one page rebuilt by the clean-up).
    /// </summary>
    public void Seal(IReadOnlyList<TransformedPage> parts, IReadOnlyList<TransformedPage> written, bool madeBundles)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (_pending is not { } pending)
        {
            return; // sealed already: what it records does not change
        }

        HashSet<int>? tooLargeIndexes = null;
        HashSet<string>? tooLargeIds = null;
        foreach (var part in written)
        {
            foreach (var dropped in part.Dropped)
            {
                if (dropped.Reason == DropReason.TooLarge)
                {
                    (tooLargeIndexes ??= []).Add(dropped.SourceIndex);
                    if (dropped.Id is not null)
                    {
                        (tooLargeIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(dropped.Id);
                    }
                }
            }
        }

        var versions = new List<ObjectVersion>(pending.Count + _refresh.Count);
        foreach (var candidate in pending)
        {
            if (candidate.Shared is not null ? !madeBundles : IsTooLarge(candidate, parts, tooLargeIndexes, tooLargeIds))
            {
                continue;
            }

            versions.Add(candidate.Version);
        }

        versions.AddRange(_refresh);
        _toRecord = versions;

        // The page waits for its acknowledgement with only what it records: the candidates (and the shared objects they
        // hold) can go with the fetch side's garbage, not be carried into an older generation.
        _pending = null;
    }

    /// <summary>The sink acknowledged every bundle of the page: record its versions (before the cursor is committed).</summary>
    public void Record() => _collection.Record(_toRecord ?? throw new InvalidOperationException("The page was not sealed."));

    private static bool IsTooLarge(CollectionDedup.Candidate candidate, IReadOnlyList<TransformedPage> parts,
        HashSet<int>? indexes, HashSet<string>? ids)
    {
        if (indexes is null)
        {
            return false;
        }

        return candidate.SourceIndex >= 0
            ? indexes.Contains(candidate.SourceIndex)
            : ids is not null && ids.Contains(parts[candidate.Part].GetObjectId(candidate.Local));
    }
}
