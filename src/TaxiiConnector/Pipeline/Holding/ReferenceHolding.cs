using TaxiiConnector.Primitives;
using TaxiiConnector.Pipeline.Cleanup;
using TaxiiConnector.Stix.Markings;

namespace TaxiiConnector.Pipeline.Holding;

/// <summary>What the holding keeps of a page object it holds back: its id, its type and its JSON.</summary>
internal readonly record struct HoldingCandidate(string Id, string Type, ReadOnlyMemory<byte> Json);

/// <summary>
/// A page as the holding sees it, object by object in page order: hashes only (its id, its other ids, the ids it must
/// not reach the platform before), and the object itself only when it is held.
/// </summary>
internal interface IHoldingPage
{
    int Count { get; }

    ulong IdHash(int index);

    /// <summary>The object's other ids (OpenCTI's <c>x_opencti_id</c> and extension id), hashed.</summary>
    ReadOnlySpan<ulong> Aliases(int index);

    /// <summary>
    /// Hashes of the ids it references, as read (repeats included): supported types only, never itself, never a
    /// platform built-in (<see cref="ReferenceHolding.IsAlwaysAvailable"/>).
    /// </summary>
    ReadOnlySpan<ulong> Dependencies(int index);

    HoldingCandidate Candidate(int index);
}

/// <summary>What to do with a page: which of its objects wait, and which held objects go out with it (first).</summary>
internal sealed class HoldDecision
{
    public static HoldDecision None { get; } = new([], []);

    public HoldDecision(bool[] held, IReadOnlyList<HeldObject> released)
    {
        Held = held;
        Released = released;
    }

    /// <summary>Per page object: true when it is held back (and spooled).</summary>
    public bool[] Held { get; }

    /// <summary>Held objects whose references are now all sent or in this page, in the order they were held.</summary>
    public IReadOnlyList<HeldObject> Released { get; }

    public int HeldCount => Held.Count(h => h);
}

/// <summary>
/// Makes one collection's run reference-aware across pages. An object that references an id not yet sent in this run,
/// and not in its own page, is held back and spooled (before its page's cursor can be committed), then sent with the
/// page that brings the last of its targets, or at the collection's end if a target never comes.
/// <para>
/// Memory: the ids sent so far are kept as 8-byte hashes (<see cref="UInt64HashSet"/>: at most 16 MiB per million ids);
/// each held object costs its id, its dependency hashes and ~100 bytes of bookkeeping, plus its JSON while the total of
/// held JSON in memory stays under the cap (past it, the JSON is read back from the spool when the object is released).
/// </para>
/// Not thread-safe: pages are decided one at a time, in order, on the fetch side; only <see cref="Acknowledge"/> runs
/// on the push side, and it only touches the spool (which locks).
/// </summary>
internal sealed class ReferenceHolding
{
    private static readonly HashSet<ulong> AlwaysAvailable = [.. TlpMarking.All.Select(m => IdHash.Of(m.Id))];

    private readonly HeldObjectSpool _spool;
    private readonly long _memoryCapBytes;
    private readonly UInt64HashSet _sent = new();
    private readonly Dictionary<ulong, List<HeldObject>> _waiters = [];
    private readonly Dictionary<ulong, HeldObject> _heldById = [];
    private readonly Dictionary<ulong, int> _inHand = [];
    private readonly List<HeldObject> _noneWoken = [];
    private bool[] _pageGoes = new bool[1024];
    private long _memoryBytes;
    private long _sequence;
    private int _heldCount;

    public ReferenceHolding(HeldObjectSpool spool, long memoryCapBytes)
    {
        ArgumentNullException.ThrowIfNull(spool);
        _spool = spool;
        _memoryCapBytes = memoryCapBytes;
    }

    /// <summary>Objects waiting now.</summary>
    public int HeldCount => _heldCount;

    /// <summary>Objects held back at some point of this run (a page's objects, or found in the spool at start).</summary>
    public long HeldTotal { get; private set; }

    /// <summary>Held objects found in the spool at start (left by an earlier run that did not finish).</summary>
    public int Recovered { get; private set; }

    public HeldObjectSpool Spool => _spool;

    /// <summary>Reads what an earlier run left in the spool: those objects wait again (nothing was sent yet in this run).</summary>
    public void Recover()
    {
        foreach (var (location, json) in _spool.Load())
        {
            var fields = StixObjectFields.Read(json);
            if (fields?.Id is not { } id || fields.Type is not { } type)
            {
                _spool.Release(location.Segment);
                continue;
            }

            var keep = _memoryBytes + json.Length <= _memoryCapBytes;
            Track(new HeldObject(_sequence++, id, type, IdHash.Of(id), Dependencies(id, fields), location, keep ? json : null));
            Recovered++;
        }
    }

    /// <summary>
    /// Decides a page (objects in page order). <paramref name="alsoAvailable"/> are hashes of ids that count as sent (the
    /// objects every bundle carries, and ids dropped on purpose, which will never come). Spools the newly held objects
    /// and returns once they are on disk.
    /// </summary>
    public HoldDecision Decide(IHoldingPage page, ReadOnlySpan<ulong> alsoAvailable)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Ids in hand: what counts as sent, the page's (with their other names), then held objects waiting on any of
        // them, transitively. The map and flags are reused from page to page.
        var inHand = _inHand;
        inHand.Clear();
        foreach (var hash in alsoAvailable)
        {
            AddInHand(inHand, hash);
        }

        for (var i = 0; i < page.Count; i++)
        {
            AddInHand(inHand, page.IdHash(i));
            foreach (var alias in page.Aliases(i))
            {
                AddInHand(inHand, alias);
            }
        }

        var woken = Woken(inHand);
        foreach (var waking in woken)
        {
            AddInHand(inHand, waking.IdHash);
        }

        // Greatest set that can go now: drop any object with a target neither sent nor in hand, until none is left.
        if (_pageGoes.Length < page.Count)
        {
            _pageGoes = new bool[Math.Max(page.Count, _pageGoes.Length * 2)];
        }

        var pageGoes = _pageGoes.AsSpan(0, page.Count);
        pageGoes.Fill(true);
        var wokenGoes = Enumerable.Repeat(true, woken.Count).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < page.Count; i++)
            {
                if (pageGoes[i] && !Satisfied(page.Dependencies(i), inHand))
                {
                    pageGoes[i] = false;
                    RemoveInHand(inHand, page.IdHash(i));
                    changed = true;
                }
            }

            for (var i = 0; i < woken.Count; i++)
            {
                if (wokenGoes[i] && !Satisfied(woken[i].Dependencies, inHand))
                {
                    wokenGoes[i] = false;
                    RemoveInHand(inHand, woken[i].IdHash);
                    changed = true;
                }
            }
        }

        var released = new List<HeldObject>();
        for (var i = 0; i < woken.Count; i++)
        {
            if (wokenGoes[i])
            {
                Untrack(woken[i]);
                released.Add(woken[i]);
            }
        }

        var waiting = _waiters.Count > 0;
        foreach (var hash in inHand.Keys)
        {
            // Nobody waits for an id once it is sent: those still held wait on their other targets.
            _sent.Add(hash);
            if (waiting)
            {
                _waiters.Remove(hash);
            }
        }

        bool[]? held = null;
        List<int>? newlyHeld = null;
        for (var i = 0; i < page.Count; i++)
        {
            if (!pageGoes[i])
            {
                (held ??= new bool[page.Count])[i] = true;
                (newlyHeld ??= []).Add(i);
            }
        }

        if (newlyHeld is not null)
        {
            Hold(page, newlyHeld);
        }

        return newlyHeld is null && released.Count == 0 ? HoldDecision.None : new HoldDecision(held ?? new bool[page.Count], released);
    }

    /// <summary>Every object still held, targets first where they are held too (the collection's end: nothing else comes).</summary>
    public IReadOnlyList<HeldObject> TakeAll()
    {
        var remaining = _heldById.Values.Where(h => !h.Released).OrderBy(h => h.Sequence).ToList();
        var byId = remaining.ToDictionary(h => h.IdHash);
        var ordered = new List<HeldObject>(remaining.Count);
        var emitted = new HashSet<ulong>();
        var visiting = new HashSet<ulong>();
        foreach (var held in remaining)
        {
            Visit(held);
        }

        foreach (var held in ordered)
        {
            Untrack(held);
        }

        _waiters.Clear();
        return ordered;

        void Visit(HeldObject held)
        {
            if (emitted.Contains(held.IdHash) || !visiting.Add(held.IdHash))
            {
                return;
            }

            foreach (var dependency in held.Dependencies)
            {
                if (byId.TryGetValue(dependency, out var target))
                {
                    Visit(target);
                }
            }

            visiting.Remove(held.IdHash);
            if (emitted.Add(held.IdHash))
            {
                ordered.Add(held);
            }
        }
    }

    /// <summary>The JSON of a held object (from memory, or read back from the spool).</summary>
    public byte[] JsonOf(HeldObject held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return held.Json ?? _spool.Read(held.Location);
    }

    /// <summary>Released objects reached the sink and their page was committed: their spool entries can go.</summary>
    public void Acknowledge(IReadOnlyList<HeldObject> released)
    {
        ArgumentNullException.ThrowIfNull(released);
        foreach (var held in released)
        {
            _spool.Release(held.Location.Segment);
        }
    }

    private void Hold(IHoldingPage page, List<int> indexes)
    {
        var candidates = indexes.Select(page.Candidate).ToList();
        var locations = _spool.Write([.. candidates.Select(c => c.Json)]);
        for (var k = 0; k < indexes.Count; k++)
        {
            var i = indexes[k];
            var candidate = candidates[k];
            var idHash = page.IdHash(i);
            var keep = _memoryBytes + candidate.Json.Length <= _memoryCapBytes;
            if (_heldById.TryGetValue(idHash, out var older))
            {
                // The same object again (a page replayed after a crash, or a new version): the newer copy waits instead.
                Untrack(older);
                _spool.Release(older.Location.Segment);
            }

            Track(new HeldObject(_sequence++, candidate.Id, candidate.Type, idHash, page.Dependencies(i).ToArray(), locations[k],
                keep ? candidate.Json.ToArray() : null));
        }
    }

    private void Track(HeldObject held)
    {
        if (_heldById.TryGetValue(held.IdHash, out var older) && !older.Released)
        {
            Untrack(older);
            _spool.Release(older.Location.Segment);
        }

        _heldById[held.IdHash] = held;
        _heldCount++;
        HeldTotal++;
        if (held.Json is { } json)
        {
            _memoryBytes += json.Length;
        }

        foreach (var dependency in held.Dependencies)
        {
            if (!_sent.Contains(dependency))
            {
                if (!_waiters.TryGetValue(dependency, out var list))
                {
                    list = [];
                    _waiters[dependency] = list;
                }

                list.Add(held);
            }
        }
    }

    private void Untrack(HeldObject held)
    {
        if (held.Released)
        {
            return;
        }

        held.Released = true;
        _heldCount--;
        if (held.Json is { } json)
        {
            _memoryBytes -= json.Length;
        }

        // Waiting lists are not searched here (a popular target can have many waiters): a released object is skipped
        // when its list is read, and lists go when their id is sent.
        if (_heldById.TryGetValue(held.IdHash, out var current) && ReferenceEquals(current, held))
        {
            _heldById.Remove(held.IdHash);
        }
    }

    private List<HeldObject> Woken(Dictionary<ulong, int> inHand)
    {
        var woken = _noneWoken;
        if (_heldCount == 0)
        {
            return woken;
        }

        woken = [];

        var seen = new HashSet<ulong>();
        var queue = new Queue<ulong>(inHand.Keys);
        while (queue.TryDequeue(out var id))
        {
            if (!_waiters.TryGetValue(id, out var list))
            {
                continue;
            }

            foreach (var held in list)
            {
                if (!held.Released && seen.Add(held.IdHash))
                {
                    woken.Add(held);
                    queue.Enqueue(held.IdHash);
                }
            }
        }

        woken.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return woken;
    }

    private bool Satisfied(ReadOnlySpan<ulong> dependencies, Dictionary<ulong, int> inHand)
    {
        foreach (var dependency in dependencies)
        {
            // The page's own ids first: a small map in cache, where most targets are; the run's set is large.
            if (!inHand.ContainsKey(dependency) && !_sent.Contains(dependency))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Platform built-ins (the TLP markings): never waited for.</summary>
    public static bool IsAlwaysAvailable(ulong hash) => AlwaysAvailable.Contains(hash);

    /// <summary>The ids an object must not reach the platform before: supported types, not itself, not platform built-ins.</summary>
    internal static ulong[] Dependencies(string id, StixObjectFields fields)
    {
        List<ulong>? dependencies = null;
        foreach (var reference in fields.ReferencedIds())
        {
            if (string.Equals(reference, id, StringComparison.Ordinal) || !SupportedStixTypes.IsIdSupported(reference))
            {
                continue;
            }

            var hash = IdHash.Of(reference);
            if (!IsAlwaysAvailable(hash))
            {
                (dependencies ??= []).Add(hash);
            }
        }

        return dependencies is null ? [] : [.. dependencies];
    }

    private static void AddInHand(Dictionary<ulong, int> inHand, ulong hash) => inHand[hash] = inHand.GetValueOrDefault(hash) + 1;

    private static void RemoveInHand(Dictionary<ulong, int> inHand, ulong hash)
    {
        if (inHand.TryGetValue(hash, out var count))
        {
            if (count > 1)
            {
                inHand[hash] = count - 1;
            }
            else
            {
                inHand.Remove(hash);
            }
        }
    }
}
