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
    private List<ObjectVersion>? _sharedToRecord;
    private bool _recorded;

    internal PageScreening(CollectionDedup collection, List<CollectionDedup.Candidate> pending, List<ObjectVersion> refresh, IReadOnlyList<int> duplicates)
    {
        _collection = collection;
        _pending = pending;
        _refresh = refresh;
        DuplicateSourceIndexes = duplicates;
    }

    /// <summary>Versions of shared objects the sink had but saw on an earlier day: known for the collection once the page is acknowledged.</summary>
    internal IReadOnlyList<ObjectVersion> SharedAcknowledged { get; init; } = [];

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

        // Objects dropped after the screening never reach the sink, so none of their versions is recorded: too large for
        // any bundle, or dropped by the platform client's clean-up (a type it does not import, an incompatible
        // relationship). The transformer's own drops were never candidates.
        HashSet<int>? droppedIndexes = null;
        HashSet<string>? droppedIds = null;
        foreach (var part in written)
        {
            foreach (var dropped in part.Dropped)
            {
                (droppedIndexes ??= []).Add(dropped.SourceIndex);
                if (dropped.Id is not null)
                {
                    (droppedIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(dropped.Id);
                }
            }
        }

        var versions = _collection.TakeVersionList(pending.Count + _refresh.Count);
        var shared = new List<ObjectVersion>(SharedAcknowledged);
        foreach (var candidate in pending)
        {
            if (candidate.Shared is not null ? !madeBundles : IsDropped(candidate, parts, droppedIndexes, droppedIds))
            {
                continue;
            }

            versions.Add(candidate.Version);
            if (candidate.Shared is not null)
            {
                shared.Add(candidate.Version);
            }
        }

        versions.AddRange(_refresh);
        _toRecord = versions;
        _sharedToRecord = shared;

        // The page waits for its acknowledgement with only what it records: the candidates (and the shared objects they
        // hold) go back for the next page, not carried into an older generation.
        _pending = null;
        _collection.ReturnCandidates(pending);
    }

    /// <summary>
    /// The sink acknowledged every bundle of the page: record its versions (before the cursor is committed). Once: the
    /// versions' list goes back for another page.
    /// </summary>
    public void Record()
    {
        var versions = _toRecord ?? throw new InvalidOperationException("The page was not sealed.");
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        _collection.Record(versions, _sharedToRecord!);
    }

    private static bool IsDropped(CollectionDedup.Candidate candidate, IReadOnlyList<TransformedPage> parts,
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
