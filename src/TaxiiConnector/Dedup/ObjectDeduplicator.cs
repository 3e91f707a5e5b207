using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Dedup;

/// <summary>
/// De-duplication for the whole process: opens the version database at a run's first collection, hands each collection
/// its <see cref="CollectionDedup"/>, and at the run's end expires old versions and closes the file (so a file deleted
/// or replaced between runs is noticed by the next one). A database that cannot be used never fails a run: it is
/// replaced by a fresh one, or de-duplication is off for the run, and objects are sent again, never skipped.
/// </summary>
internal sealed class ObjectDeduplicator : IDisposable
{
    private readonly DedupSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ObjectDeduplicator> _logger;
    private readonly Lock _lock = new();
    private readonly List<CollectionDedup> _collections = [];
    private VersionStore? _store;
    private bool _unavailable;
    private long _lookedUp;
    private long _known;

    public ObjectDeduplicator(DedupSettings settings, TimeProvider timeProvider, ILogger<ObjectDeduplicator> logger)
    {
        _settings = settings;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public DedupSettings Settings => _settings;

    /// <summary>How a collection's presence filter is built (tests replace it; by default from every id the store has).</summary>
    internal Func<VersionStore, long, IIdPresenceFilter>? LoadPresenceFilter { get; init; }

    /// <summary>
    /// Acknowledged versions written to the database in one transaction, on a background task (about 70 pages of 1,000
    /// objects with their notes): random keys make a batch rewrite most of the table's leaf pages, so fewer, larger
    /// batches write less. Memory: about 30 bytes per pending version, for this batch and the one being written.
    /// </summary>
    internal const int DefaultWriteBatchSize = 100_000;

    /// <summary>Versions gathered before a write batch starts (tests make it small).</summary>
    internal int WriteBatchSize { get; init; } = DefaultWriteBatchSize;

    /// <summary>Objects looked up and found already sent, since the process started (the benchmark's hit ratio).</summary>
    public (long LookedUp, long Known) Totals => (Interlocked.Read(ref _lookedUp), Interlocked.Read(ref _known));

    /// <summary>The collection's de-duplication for this run, or null when its source has it off or the database is unusable.</summary>
    public CollectionDedup? ForCollection(string source, string collectionKey, string displayName)
    {
        if (!_settings.IsEnabledFor(source))
        {
            return null;
        }

        lock (_lock)
        {
            var store = OpenStore();
            if (store is null)
            {
                return null;
            }

            try
            {
                var dedup = new CollectionDedup(this, store, store.CollectionKey(source, collectionKey), source, displayName,
                    _settings.FullResync, _logger, LoadPresenceFilter, WriteBatchSize);
                _collections.Add(dedup);
                return dedup;
            }
            catch (SqliteException ex)
            {
                Fail(ex);
                Log.Unavailable(_logger, _settings.DatabasePath, ex.Message);
                return null;
            }
        }
    }

    /// <summary>
    /// The run is over: expire what was not seen for the retention and cap each collection (unless <paramref name="expire"/>
    /// is false: a push delivery does that once a day), close the file.
    /// </summary>
    public void EndRun(bool expire = true)
    {
        lock (_lock)
        {
            if (_store is { } store)
            {
                FlushAll();

                var oldestDay = Today() - (int)Math.Ceiling(_settings.Retention.TotalDays);
                foreach (var collection in expire ? _collections.DistinctBy(c => c.Key) : [])
                {
                    try
                    {
                        var evicted = store.Evict(collection.Key, oldestDay, _settings.MaxVersionsPerCollection);
                        if (evicted > 0)
                        {
                            Log.Evicted(_logger, collection.Source, collection.DisplayName, evicted, store.Count(collection.Key));
                        }
                    }
                    catch (SqliteException ex)
                    {
                        Fail(ex);
                        break;
                    }
                }
            }

            Close();
            _collections.Clear();
            _unavailable = false;
        }
    }

    /// <summary>Writes what is pending and waits for a batch being written before the file is closed.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_store is not null)
            {
                FlushAll();
            }

            Close();
            _collections.Clear();
        }
    }

    private void FlushAll()
    {
        foreach (var collection in _collections)
        {
            collection.Flush();
        }
    }

    internal int Today() => (int)(_timeProvider.GetUtcNow().ToUnixTimeSeconds() / 86_400);

    internal void Count(int lookedUp, int known)
    {
        Interlocked.Add(ref _lookedUp, lookedUp);
        Interlocked.Add(ref _known, known);
    }

    /// <summary>A database error mid-run: a broken file is replaced at the run's end.</summary>
    internal void Fail(SqliteException exception)
    {
        Log.Failure(_logger, exception);
        if (VersionStore.IsUnusable(exception))
        {
            _unavailable = true;
        }
    }

    private VersionStore? OpenStore()
    {
        if (_store is not null || _unavailable)
        {
            return _store;
        }

        var path = _settings.DatabasePath;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            if (!File.Exists(path) && RanBefore())
            {
                Log.DatabaseMissing(_logger, path);
            }

            try
            {
                _store = VersionStore.Open(path);
            }
            catch (SqliteException ex) when (VersionStore.IsUnusable(ex))
            {
                Log.DatabaseUnusable(_logger, path, ex.Message);
                SqliteConnection.ClearAllPools();
                VersionStore.Delete(path);
                _store = VersionStore.Open(path);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            Log.Unavailable(_logger, path, ex.Message);
            Log.Failure(_logger, ex);
            _unavailable = true;
        }

        return _store;
    }

    private void Close()
    {
        var broken = _unavailable && _store is not null;
        _store?.Dispose();
        _store = null;
        if (broken)
        {
            // Found corrupt mid-run: the next run starts from a fresh file (with the warning it logs for a missing one).
            try
            {
                VersionStore.Delete(_settings.DatabasePath);
            }
            catch (IOException ex)
            {
                Log.Failure(_logger, ex);
            }
        }
    }

    private bool RanBefore() =>
        _settings.RunsDirectory is { } runs && Directory.Exists(runs) && Directory.EnumerateFiles(runs, "*.json").Any();
}
