using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Dedup;

/// <summary>
/// One collection's de-duplication during one run. The fetch side screens each transformed page (a database look-up
/// only for the ids its presence filter may have) and leaves out the versions the sink already acknowledged; the push side records the page's new versions
/// once the sink acknowledged all of its bundles, before the cursor is committed.
/// </summary>
internal sealed class CollectionDedup
{
    private readonly ObjectDeduplicator _owner;
    private readonly VersionStore _store;
    private readonly bool _bypass;
    private readonly ILogger _logger;
    private readonly Func<VersionStore, long, IIdPresenceFilter> _loadFilter;
    private readonly ReusableLists<Candidate> _candidateLists = new();
    private readonly ReusableLists<ObjectVersion> _versionLists = new();
    private readonly AcknowledgedSharedVersions _sharedAcknowledged = new();
    private volatile bool _failed;
    private int _screened;

    /// <summary>
    /// From the collection's second page on: every id the store had, and every id this run recorded since. An id it
    /// has never seen is new without a database look-up. Until it is loaded every id is looked up.
    /// </summary>
    private IIdPresenceFilter? _filter;

    public CollectionDedup(ObjectDeduplicator owner, VersionStore store, long key, string source, string displayName, bool bypass, ILogger logger,
        Func<VersionStore, long, IIdPresenceFilter>? loadFilter = null, int writeBatchSize = ObjectDeduplicator.DefaultWriteBatchSize)
    {
        _loadFilter = loadFilter ?? LoadFilter;
        _pending = new PendingVersionWriter(writeBatchSize, Write);
        _owner = owner;
        _store = store;
        Key = key;
        Source = source;
        DisplayName = displayName;
        _bypass = bypass;
        _logger = logger;
    }

    public long Key { get; }

    public string Source { get; }

    public string DisplayName { get; }

    /// <summary>
    /// Leaves out of the bundles every object of <paramref name="parts"/> (and every shared object) whose version the sink
    /// already has, and remembers the others to record after the acknowledgement. <paramref name="objects"/> is the source
    /// page the parts were transformed from (source indexes point into it).
    /// </summary>
    public PageScreening Screen(IReadOnlyList<TransformedPage> parts, IReadOnlyList<JsonElement> objects)
    {
        var capacity = parts.Count > 0 ? parts[0].SharedObjects.Count : 0;
        foreach (var part in parts)
        {
            capacity += part.Count;
        }

        var candidates = _candidateLists.Take(capacity);
        var madeFromSource = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            for (var i = 0; i < part.Count; i++)
            {
                // A source object with the id of a shared object (the producer sent the author itself) goes as the shared one.
                if (part.IsExcluded(i) || part.IsSharedObject(i))
                {
                    continue;
                }

                // An object made from one source object alone (an original-id note) changes only when that object does: it
                // goes, or is left out, with it, and costs no version of its own (no hash, no look-up, no row).
                if (MadeFrom(part, i) >= 0)
                {
                    madeFromSource++;
                    continue;
                }

                var sourceIndex = part.GetSourceIndex(i);
                var version = sourceIndex >= 0
                    ? ObjectVersion.OfSourceObject(objects[sourceIndex])
                    : ObjectVersion.OfOwnObject(null, part.GetObjectJson(i));
                if (version is { } found)
                {
                    candidates.Add(new Candidate(found, p, i, sourceIndex, null));
                }
            }
        }

        if (parts.Count > 0)
        {
            foreach (var shared in parts[0].SharedObjects)
            {
                candidates.Add(new Candidate(ObjectVersion.OfOwnObject(shared.Id, shared.Json.Span), -1, -1, -1, shared));
            }
        }

        if (_bypass || _failed || candidates.Count == 0)
        {
            return new PageScreening(this, candidates, [], []);
        }

        Dictionary<long, (long Version, int SeenDay)>? stored = null;
        try
        {
            var filter = PresenceFilter();
            HashSet<long>? lookUp = null;
            foreach (var candidate in candidates)
            {
                if (candidate.Shared is not null && _sharedAcknowledged.TryGet(candidate.Version.IdHash, out _))
                {
                    continue;
                }

                if (filter.MayContain(candidate.Version.IdHash))
                {
                    (lookUp ??= []).Add(candidate.Version.IdHash);
                }
            }

            if (lookUp is not null)
            {
                // Versions acknowledged but not written yet are answered from memory; only the others are looked up.
                stored = [];
                _pending.FindPending(lookUp, stored, _owner.Today());
                if (lookUp.Count > 0)
                {
                    foreach (var (idHash, known) in _store.Find(Key, lookUp))
                    {
                        stored[idHash] = known;
                    }
                }
            }
        }
        catch (SqliteException ex)
        {
            _failed = true;
            _owner.Fail(ex);
            Log.LookupFailed(_logger, Source, DisplayName, ex.Message);
            return new PageScreening(this, candidates, [], []);
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Shared is not null && _sharedAcknowledged.TryGet(candidate.Version.IdHash, out var known))
            {
                (stored ??= [])[candidate.Version.IdHash] = known;
            }
        }

        if (stored is null || stored.Count == 0)
        {
            _owner.Count(candidates.Count + madeFromSource, 0);
            return new PageScreening(this, candidates, [], []);
        }

        var today = _owner.Today();
        var pending = _candidateLists.Take(candidates.Count);
        var refresh = new List<ObjectVersion>();
        var sharedRefresh = new List<ObjectVersion>();
        var duplicates = new List<int>();
        foreach (var candidate in candidates)
        {
            if (!stored.TryGetValue(candidate.Version.IdHash, out var known) || known.Version != candidate.Version.Version)
            {
                pending.Add(candidate);
                continue;
            }

            if (known.SeenDay < today)
            {
                refresh.Add(candidate.Version);
                if (candidate.Shared is not null)
                {
                    sharedRefresh.Add(candidate.Version);
                }
            }

            if (candidate.Shared is { } shared)
            {
                foreach (var part in parts)
                {
                    part.ExcludeSharedObject(shared);
                }
            }
            else
            {
                parts[candidate.Part].Exclude(candidate.Local);
                if (candidate.SourceIndex >= 0)
                {
                    duplicates.Add(candidate.SourceIndex);
                }
            }
        }

        var madeFromDuplicates = madeFromSource > 0 && duplicates.Count > 0 ? ExcludeMadeFromDuplicates(parts, duplicates, objects.Count) : 0;
        _owner.Count(candidates.Count + madeFromSource, candidates.Count - pending.Count + madeFromDuplicates);
        _candidateLists.Return(candidates);
        return new PageScreening(this, pending, refresh, duplicates) { SharedAcknowledged = sharedRefresh };
    }

    /// <summary>The source object an object the connector made comes from, or -1 (a source object, or made from none).</summary>
    private static int MadeFrom(TransformedPage part, int index) =>
        part.GetSourceIndex(index) < 0 ? part.GetMadeFromSourceIndex(index) : -1;

    /// <summary>Leaves out every object made from a source object that is a duplicate, and returns how many.</summary>
    private static int ExcludeMadeFromDuplicates(IReadOnlyList<TransformedPage> parts, List<int> duplicateSourceIndexes, int sourceCount)
    {
        var isDuplicate = ArrayPool<bool>.Shared.Rent(sourceCount);
        try
        {
            Array.Clear(isDuplicate, 0, sourceCount);
            foreach (var sourceIndex in duplicateSourceIndexes)
            {
                isDuplicate[sourceIndex] = true;
            }

            var excluded = 0;
            foreach (var part in parts)
            {
                for (var i = 0; i < part.Count; i++)
                {
                    var madeFrom = MadeFrom(part, i);
                    if (madeFrom >= 0 && madeFrom < sourceCount && isDuplicate[madeFrom] && !part.IsExcluded(i))
                    {
                        part.Exclude(i);
                        excluded++;
                    }
                }
            }

            return excluded;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(isDuplicate);
        }
    }

    /// <summary>
    /// The filter for this page. A collection screened once (a push envelope, a one-page collection) never loads one:
    /// reading every id the store has costs more than one page's look-ups. From the second page on, the store's ids go
    /// into the filter that already holds this run's recorded ones, and it is the one used from then on.
    /// </summary>
    private IIdPresenceFilter PresenceFilter()
    {
        if (++_screened == 2)
        {
            // Under the lock that records versions: none is recorded between the read and the filter's use. A batch
            // written meanwhile is in the store or still pending, and the pending ids are added as well.
            lock (_recordLock)
            {
                var loaded = _loadFilter(_store, Key);
                _pending.ForEachId(loaded.Add);
                _filter = loaded;
            }
        }

        return _filter ?? LookUpEveryId.Instance;
    }

    private static IdPresenceFilter LoadFilter(VersionStore store, long coll)
    {
        var filter = new IdPresenceFilter(store.Count(coll));
        store.ReadIdHashes(coll, filter.Add);
        return filter;
    }

    /// <summary>
    /// Acknowledged versions not written yet. They are written in batches of many pages (random keys make a small
    /// transaction rewrite most of the table's pages: measured at 1M objects, 60 µs per object per page-sized
    /// transaction), each on a background task, so the pipeline does not wait for the database. Versions not written
    /// when the process dies are only sent again; none is recorded before its acknowledgement.
    /// </summary>
    private readonly PendingVersionWriter _pending;

    private readonly Lock _recordLock = new();

    /// <summary>A list for the versions a page records (given back by <see cref="Record(List{ObjectVersion}, IReadOnlyList{ObjectVersion})"/>).</summary>
    internal List<ObjectVersion> TakeVersionList(int capacity) => _versionLists.Take(capacity);

    /// <summary>
    /// Records acknowledged versions (written in batches, on a background task) and takes back their list. A failure
    /// only means they may be sent again. <paramref name="shared"/> are those of the shared objects among them.
    /// </summary>
    internal void Record(List<ObjectVersion> versions, IReadOnlyList<ObjectVersion> shared)
    {
        try
        {
            _sharedAcknowledged.Acknowledged(shared, _owner.Today());
            Record(versions);
        }
        finally
        {
            _versionLists.Return(versions);
        }
    }

    /// <summary>Candidates a page no longer needs, for the next page.</summary>
    internal void ReturnCandidates(List<Candidate> candidates) => _candidateLists.Return(candidates);

    /// <summary>Records acknowledged versions (written in batches, on a background task). A failure only means they may be sent again.</summary>
    internal void Record(IReadOnlyList<ObjectVersion> versions)
    {
        if (_failed || versions.Count == 0)
        {
            return;
        }

        lock (_recordLock)
        {
            _pending.Add(versions, _owner.Today());
            if (_filter is { } filter)
            {
                foreach (var version in versions)
                {
                    filter.Add(version.IdHash);
                }
            }
        }
    }

    /// <summary>Writes what was acknowledged and not written yet, and waits for it (at a collection's end).</summary>
    internal Task FlushAsync() => _pending.FlushAsync(_owner.Today());

    /// <summary>Writes what was acknowledged and not written yet, and waits for it (at the end of the run, before the file is closed).</summary>
    internal void Flush() => _pending.Flush(_owner.Today());

    /// <summary>One batch's write, on the writer's task: a failure is a warning and turns de-duplication off for the collection.</summary>
    private void Write(IReadOnlyList<ObjectVersion> versions, int day)
    {
        if (_failed)
        {
            return;
        }

        try
        {
            _store.Record(Key, versions, day);
        }
        catch (SqliteException ex)
        {
            _failed = true;
            _owner.Fail(ex);
            Log.RecordFailed(_logger, Source, DisplayName, ex.Message);
        }
#pragma warning disable CA1031 // Nothing on the writer's task may fail the run: the versions are only sent again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failed = true;
            Log.Failure(_logger, ex);
            Log.RecordFailed(_logger, Source, DisplayName, ex.Message);
        }
    }

    internal readonly record struct Candidate(ObjectVersion Version, int Part, int Local, int SourceIndex, SharedStixObject? Shared);
}
