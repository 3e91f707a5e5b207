namespace TaxiiConnector.Dedup;

/// <summary>
/// Acknowledged versions on their way to the store. They are gathered into a batch; a full batch is written in one
/// transaction on a background task while the pipeline goes on, and gathering goes on into a second batch meanwhile.
/// Until a batch is written its versions are answered from memory (<see cref="FindPending"/>), so a page screened
/// after another page was acknowledged sees that page's versions whether or not they reached the database yet.
/// Only acknowledged versions enter: a version that is lost before it is written is only sent again.
/// </summary>
internal sealed class PendingVersionWriter
{
    private readonly Lock _lock = new();
    private readonly int _batchSize;
    private readonly Action<IReadOnlyList<ObjectVersion>, int> _write;
    private readonly List<ObjectVersion> _rows = [];

    // Both batches map an id hash to its latest acknowledged version (a repeated id keeps only its last one). They
    // swap when a batch starts its write, and a batch is cleared only once its write ended, so every version is in
    // memory or in the database at any time.
    private Dictionary<long, long> _gathering = [];
    private Dictionary<long, long> _writing = [];
    private Task _written = Task.CompletedTask;

    /// <param name="batchSize">Versions gathered before a batch is written (a batch still being written lets the next one grow).</param>
    /// <param name="write">Writes a batch in one transaction (on the background task); it reports its own failures and never throws.</param>
    public PendingVersionWriter(int batchSize, Action<IReadOnlyList<ObjectVersion>, int> write)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        _write = write;
    }

    /// <summary>Adds acknowledged versions, seen on <paramref name="day"/>; starts the batch's write once it is full and no write is running.</summary>
    public void Add(IReadOnlyList<ObjectVersion> versions, int day)
    {
        lock (_lock)
        {
            foreach (var version in versions)
            {
                _gathering[version.IdHash] = version.Version;
            }

            if (_gathering.Count >= _batchSize && _written.IsCompleted)
            {
                StartWrite(day);
            }
        }
    }

    /// <summary>Hands every pending id hash to <paramref name="add"/>.</summary>
    public void ForEachId(Action<long> add)
    {
        ArgumentNullException.ThrowIfNull(add);
        lock (_lock)
        {
            foreach (var idHash in _gathering.Keys)
            {
                add(idHash);
            }

            foreach (var idHash in _writing.Keys)
            {
                add(idHash);
            }
        }
    }

    /// <summary>
    /// Moves each of <paramref name="idHashes"/> that is pending into <paramref name="found"/> (as seen on
    /// <paramref name="today"/>: its write records that day), so only the others need the database.
    /// </summary>
    public void FindPending(HashSet<long> idHashes, Dictionary<long, (long Version, int SeenDay)> found, int today)
    {
        lock (_lock)
        {
            if (_gathering.Count == 0 && _writing.Count == 0)
            {
                return;
            }

            foreach (var idHash in idHashes)
            {
                // The gathering batch holds the later acknowledgement when both have the id.
                if (_gathering.TryGetValue(idHash, out var version) || _writing.TryGetValue(idHash, out version))
                {
                    found[idHash] = (version, today);
                }
            }

            foreach (var idHash in found.Keys)
            {
                idHashes.Remove(idHash);
            }
        }
    }

    /// <summary>
    /// Writes everything pending and waits for it (at a collection's or a run's end, before the file is closed). The
    /// write runs on its own task, so the caller's context never waits on itself.
    /// </summary>
    public async Task FlushAsync(int day)
    {
        Task running;
        lock (_lock)
        {
            running = _written;
        }

        await running.ConfigureAwait(false);
        lock (_lock)
        {
            if (_gathering.Count > 0 && _written.IsCompleted)
            {
                StartWrite(day);
            }

            running = _written;
        }

        await running.ConfigureAwait(false);
    }

    /// <summary>The same as <see cref="FlushAsync"/>, blocking (a run's end and Dispose are synchronous).</summary>
    public void Flush(int day) => FlushAsync(day).GetAwaiter().GetResult();

    /// <summary>Under the lock, with no write running: the gathered batch becomes the one written.</summary>
    private void StartWrite(int day)
    {
        // The previous batch is in the database (or its write failed and de-duplication is off for the collection).
        _writing.Clear();
        (_gathering, _writing) = (_writing, _gathering);
        var batch = _writing;
        _written = Task.Run(() => Write(batch, day));
    }

    private void Write(Dictionary<long, long> batch, int day)
    {
        // The batch is only read here (and by look-ups), never changed, until the next batch replaces it.
        _rows.Clear();
        foreach (var (idHash, version) in batch)
        {
            _rows.Add(new ObjectVersion(idHash, version));
        }

        _write(_rows, day);
        _rows.Clear();
    }
}
