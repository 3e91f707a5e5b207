using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using TaxiiConnector.Pipeline.Holding;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Pipeline.Cleanup;

/// <summary>
/// One pass over a unit's objects that keeps only what the holding and the clean-up's "anything to do?" test need, as
/// 64-bit id hashes and flags in arrays reused from unit to unit: each object's ids, the ids it references, and whether
/// it holds anything the platform's splitter would edit or drop. A unit with nothing to edit (every reference to a
/// supported type and not to the object itself, no entry twice in a list, every embedded object identified and once,
/// relationships and sightings with their ends, no id twice, no reference cycle) skips the exact clean-up, which
/// would change nothing; any other unit gets it whole.
/// <para>
/// A hash only ever says "maybe": equal ids always have equal hashes, so two different ids sharing one can only make
/// a unit look like it has a repeat or a cycle (and get the exact clean-up), never hide one. Where the answer must
/// be exact (is a reference the object itself?) the bytes are compared.
/// </para>
/// </summary>
internal sealed class UnitScan : IHoldingPage
{
    /// <summary>Entries of one <c>*_refs</c> list compared pairwise up to this many; a set beyond.</summary>
    private const int LinearRepeatCheck = 16;

    /// <summary>Units larger than this are not kept for reuse (a one-off huge page should not pin its arrays).</summary>
    private const int MaxPooledEntries = 1 << 16;

    private static UnitScan? s_pooled;

    private readonly List<ulong> _edges = [];
    private readonly List<ulong> _dependencies = [];
    private readonly List<ulong> _available = [];
    private readonly HashSet<ulong> _listSeen = [];
    private readonly List<ulong> _embeddedKeys = [];
    private Entry[] _entries = new Entry[256];
    private ulong[] _aliases = new ulong[512];
    private int[] _candidates = new int[256];
    private ulong[] _nameKeys = new ulong[1024];
    private int[] _nameValues = new int[1024];
    private byte[] _colour = new byte[256];
    private (int Node, int Next)[] _stack = new (int, int)[256];
    private int _entryCount;
    private int _candidateCount;
    private bool _edits;

    /// <summary>A scan with empty state (reused when one is free), for one unit on one thread.</summary>
    public static UnitScan Rent() => Interlocked.Exchange(ref s_pooled, null) ?? new UnitScan();

    /// <summary>Gives the scan back once its unit is assembled; it keeps no reference to the unit's pages.</summary>
    public static void Return(UnitScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        Array.Clear(scan._entries, 0, scan._entryCount);
        if (scan._entries.Length <= MaxPooledEntries)
        {
            scan._entryCount = 0;
            s_pooled = scan;
        }
    }

    /// <summary>Page objects that are JSON objects (those the holding decides and the clean-up walks).</summary>
    public int Count => _candidateCount;

    /// <summary>Objects of the unit not excluded (JSON objects or not), in page order.</summary>
    public int EntryCount => _entryCount;

    /// <summary>Ids that count as sent for the holding: shared objects, dropped ids, versions the sink already has.</summary>
    public ReadOnlySpan<ulong> Available => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_available);

    /// <summary>The entry (<see cref="EntryCount"/> numbering) of candidate <paramref name="candidate"/>.</summary>
    public int EntryOf(int candidate) => _candidates[candidate];

    public ulong IdHash(int candidate) => _entries[_candidates[candidate]].IdHash;

    public ReadOnlySpan<ulong> Aliases(int candidate)
    {
        var e = _candidates[candidate];
        ref readonly var entry = ref _entries[e];
        return _aliases.AsSpan(2 * e, entry.Alias2 != 0 ? 2 : entry.Alias1 != 0 ? 1 : 0);
    }

    public ReadOnlySpan<ulong> Dependencies(int candidate)
    {
        ref readonly var entry = ref _entries[_candidates[candidate]];
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_dependencies).Slice(entry.DependencyStart, entry.DependencyCount);
    }

    public HoldingCandidate Candidate(int candidate)
    {
        ref readonly var entry = ref _entries[_candidates[candidate]];
        return new HoldingCandidate(entry.Part!.GetObjectId(entry.Index), entry.Part.GetObjectType(entry.Index), entry.Part.GetObjectMemory(entry.Index));
    }

    /// <summary>Reads every object of <paramref name="parts"/> not excluded; with <paramref name="holding"/>, the available ids too.</summary>
    public void Scan(IReadOnlyList<TransformedPage> parts, bool holding)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _entryCount = 0;
        _candidateCount = 0;
        _edits = false;
        _edges.Clear();
        _dependencies.Clear();
        _available.Clear();
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Count; i++)
            {
                if (part.IsExcluded(i))
                {
                    // The sink has this version already (de-duplication): what references it need not wait for it.
                    if (holding)
                    {
                        _available.Add(ObjectIdHash(part, i));
                    }

                    continue;
                }

                AddEntry(part, i);
            }
        }

        if (holding && parts.Count > 0)
        {
            foreach (var shared in parts[0].SharedObjects)
            {
                _available.Add(Holding.IdHash.Of(shared.Id));
            }

            // Left out by de-duplication (the author on every run after the first): the sink has them already.
            foreach (var shared in parts[0].ExcludedSharedObjects)
            {
                _available.Add(Holding.IdHash.Of(shared.Id));
            }

            foreach (var part in parts)
            {
                foreach (var dropped in part.Dropped)
                {
                    if (dropped.Id is { } id)
                    {
                        _available.Add(Holding.IdHash.Of(id));
                    }
                }
            }
        }
    }

    /// <summary>
    /// True when the platform's splitter would send every object of the scanned unit as it is: nothing to drop, no field
    /// to edit, nothing to count.
    /// </summary>
    public bool NothingToClean() => !_edits && NamesAreDistinct() && IsAcyclic();

    private static ulong ObjectIdHash(TransformedPage part, int index) =>
        part.TryGetObjectIdUtf8(index, out var utf8) ? Holding.IdHash.OfUtf8(utf8) : Holding.IdHash.Of(part.GetObjectId(index));

    private void AddEntry(TransformedPage part, int index)
    {
        if (_entryCount == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
            Array.Resize(ref _aliases, _entries.Length * 2);
        }

        ref var entry = ref _entries[_entryCount];
        entry = new Entry { Part = part, Index = index };
        string? idText = null;
        if (!part.TryGetObjectIdUtf8(index, out var idUtf8))
        {
            idText = part.GetObjectId(index);
        }

        entry.IdHash = idText is null ? Holding.IdHash.OfUtf8(idUtf8) : Holding.IdHash.Of(idText);
        entry.IsObject = ScanObject(part.GetObjectJson(index), ref entry, idUtf8, idText);
        if (entry.IsObject)
        {
            if (_candidateCount == _candidates.Length)
            {
                Array.Resize(ref _candidates, _candidates.Length * 2);
            }

            _candidates[_candidateCount++] = _entryCount;
        }

        _entryCount++;
    }

    /// <summary>
    /// Reads the object's top-level properties exactly as <see cref="StixObjectFields.Read"/> does (same properties, same
    /// precedence, escaped names skipped); false when it is not a JSON object.
    /// </summary>
    private bool ScanObject(ReadOnlySpan<byte> json, ref Entry entry, ReadOnlySpan<byte> idUtf8, string? idText)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        entry.EdgeStart = _edges.Count;
        entry.DependencyStart = _dependencies.Count;
        var kind = TypeKind.Other;
        bool source = false, target = false, sightingOf = false;
        var whereSighted = 0;
        ulong openCtiAlias = 0;
        ulong extensionAlias = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            var escaped = reader.ValueIsEscaped;
            reader.Read();
            if (escaped)
            {
                reader.Skip();
                continue;
            }

            if (name.EndsWith("_refs"u8) && reader.TokenType == JsonTokenType.StartArray)
            {
                var listStart = _edges.Count;
                var strings = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        strings++;
                        AddReference(ref reader, idUtf8, idText, listStart);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (name.SequenceEqual("where_sighted_refs"u8))
                {
                    whereSighted = strings;
                }
            }
            else if (name.EndsWith("_ref"u8))
            {
                var present = reader.TokenType != JsonTokenType.Null;
                if (reader.TokenType == JsonTokenType.String)
                {
                    AddReference(ref reader, idUtf8, idText, -1);
                }

                reader.Skip();
                if (name.SequenceEqual("source_ref"u8))
                {
                    source = present;
                }
                else if (name.SequenceEqual("target_ref"u8))
                {
                    target = present;
                }
                else if (name.SequenceEqual("sighting_of_ref"u8))
                {
                    sightingOf = present;
                }
            }
            else if (reader.TokenType == JsonTokenType.StartArray && name.SequenceEqual("external_references"u8))
            {
                ScanEmbedded(ref reader, json, externalReferences: true);
            }
            else if (reader.TokenType == JsonTokenType.StartArray && name.SequenceEqual("kill_chain_phases"u8))
            {
                ScanEmbedded(ref reader, json, externalReferences: false);
            }
            else if (reader.TokenType == JsonTokenType.String && name.SequenceEqual("type"u8))
            {
                kind = reader.ValueTextEquals("relationship"u8) ? TypeKind.Relationship
                    : reader.ValueTextEquals("sighting"u8) ? TypeKind.Sighting
                    : TypeKind.Other;
            }
            else if (reader.TokenType == JsonTokenType.String && name.SequenceEqual("x_opencti_id"u8))
            {
                openCtiAlias = StringHash(ref reader);
            }
            else if (reader.TokenType == JsonTokenType.StartObject && name.SequenceEqual("extensions"u8))
            {
                // The id in OpenCTI's extension as StixObjectFields reads it: none when absent, 0 when empty.
                if (OpenCtiExtensionId.TryFind(ref reader, out var extensionIdValue))
                {
                    extensionAlias = StringHash(ref extensionIdValue);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        entry.EdgeCount = _edges.Count - entry.EdgeStart;
        entry.DependencyCount = _dependencies.Count - entry.DependencyStart;
        entry.Alias1 = openCtiAlias != 0 ? openCtiAlias : extensionAlias;
        entry.Alias2 = openCtiAlias != 0 ? extensionAlias : 0;
        _aliases[2 * _entryCount] = entry.Alias1;
        _aliases[(2 * _entryCount) + 1] = entry.Alias2;
        var kept = kind switch
        {
            TypeKind.Relationship => source && target,
            TypeKind.Sighting => sightingOf && whereSighted > 0,
            _ => idText is null
                ? (Ascii.IsValid(idUtf8) ? SupportedStixTypes.IsAsciiIdSupported(idUtf8) : SupportedStixTypes.IsIdSupported(Encoding.UTF8.GetString(idUtf8)))
                : SupportedStixTypes.IsIdSupported(idText),
        };
        _edits |= !kept;
        return true;
    }

    /// <summary>
    /// A reference read as a string: an edge of the unit's graph and a dependency for the holding when the splitter would
    /// follow it; an edit when it would not (another type, or the object itself), or when it repeats an entry of its list.
    /// </summary>
    private void AddReference(ref Utf8JsonReader reader, ReadOnlySpan<byte> idUtf8, string? idText, int listStart)
    {
        ulong hash;
        bool follows;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && Ascii.IsValid(reader.ValueSpan))
        {
            var value = reader.ValueSpan;
            hash = Holding.IdHash.OfAscii(value);
            var self = idText is null ? value.SequenceEqual(idUtf8) : Ascii.Equals(value, idText);
            follows = !self && SupportedStixTypes.IsAsciiIdSupported(value);
        }
        else
        {
            var text = reader.GetString()!;
            hash = Holding.IdHash.Of(text);
            var self = string.Equals(text, idText ?? Encoding.UTF8.GetString(idUtf8), StringComparison.Ordinal);
            follows = !self && SupportedStixTypes.IsIdSupported(text);
        }

        if (!follows)
        {
            _edits = true;
            return;
        }

        if (listStart >= 0 && Repeats(listStart, hash))
        {
            _edits = true;
        }

        _edges.Add(hash);
        if (!ReferenceHolding.IsAlwaysAvailable(hash))
        {
            _dependencies.Add(hash);
        }
    }

    /// <summary>True when <paramref name="hash"/> is among the list's entries so far (or shares a hash with one).</summary>
    private bool Repeats(int listStart, ulong hash)
    {
        var entries = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_edges)[listStart..];
        if (entries.Length < LinearRepeatCheck)
        {
            return entries.Contains(hash);
        }

        if (entries.Length == LinearRepeatCheck)
        {
            _listSeen.Clear();
            foreach (var earlier in entries)
            {
                _listSeen.Add(earlier);
            }
        }

        return !_listSeen.Add(hash);
    }

    /// <summary>
    /// <c>external_references</c> or <c>kill_chain_phases</c>: an edit when an entry has no identity key or the key of an
    /// earlier entry (keys as <see cref="StixObjectFields"/> builds them, hashed over the same raw bytes).
    /// </summary>
    private void ScanEmbedded(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, bool externalReferences)
    {
        var keysStart = _embeddedKeys.Count;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Not an object: its key is its position, unique, so it is always kept.
                reader.Skip();
                continue;
            }

            (int Start, int End) first = (-1, -1), second = (-1, -1), third = (-1, -1);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.ValueSpan;
                var slot = externalReferences
                    ? (property.SequenceEqual("url"u8) ? 1 : property.SequenceEqual("source_name"u8) ? 2 : property.SequenceEqual("external_id"u8) ? 3 : 0)
                    : (property.SequenceEqual("kill_chain_name"u8) ? 1 : property.SequenceEqual("phase_name"u8) ? 2 : 0);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                if (slot == 0)
                {
                    continue;
                }

                var raw = reader.TokenType == JsonTokenType.Null ? (-1, -1) : (valueStart, (int)reader.BytesConsumed);
                switch (slot)
                {
                    case 1:
                        first = raw;
                        break;
                    case 2:
                        second = raw;
                        break;
                    default:
                        third = raw;
                        break;
                }
            }

            ulong key;
            if (!externalReferences)
            {
                key = KeyHash((byte)'k', Raw(json, first, "null"u8), Raw(json, second, "null"u8), hasSecond: true);
            }
            else if (first.Start >= 0)
            {
                key = KeyHash((byte)'u', Raw(json, first, default), default, hasSecond: false);
            }
            else if (second.Start >= 0 && third.Start >= 0)
            {
                key = KeyHash((byte)'s', Raw(json, second, default), Raw(json, third, default), hasSecond: true);
            }
            else
            {
                // No identity: the splitter drops it.
                _edits = true;
                continue;
            }

            var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_embeddedKeys)[keysStart..];
            if (keys.Contains(key))
            {
                _edits = true;
            }

            _embeddedKeys.Add(key);
        }

        _embeddedKeys.RemoveRange(keysStart, _embeddedKeys.Count - keysStart);
    }

    private static ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> json, (int Start, int End) range, ReadOnlySpan<byte> missing) =>
        range.Start < 0 ? missing : json[range.Start..range.End];

    /// <summary>
    /// XxHash3 of the key's first part seeded with its tag, then of the second seeded with that: whole spans at a time
    /// rather than a byte at a time. Only compared with keys of the same scan.
    /// </summary>
    private static ulong KeyHash(byte tag, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, bool hasSecond)
    {
        var hash = XxHash3.HashToUInt64(first, seed: tag);
        return hasSecond ? XxHash3.HashToUInt64(second, seed: (long)hash) : hash;
    }

    /// <summary>The hash of the current string token (0 for an empty string: no alias).</summary>
    private static ulong StringHash(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan.IsEmpty ? 0 : Holding.IdHash.OfUtf8(reader.ValueSpan);
        }

        var text = reader.GetString()!;
        return text.Length == 0 ? 0 : Holding.IdHash.Of(text);
    }

    /// <summary>
    /// Every name (id and other ids) of the unit's objects once: a repeated id makes the splitter judge copies together,
    /// and an alias shared with another object merges them; the exact clean-up handles both.
    /// </summary>
    private bool NamesAreDistinct()
    {
        var size = _nameKeys.Length;
        while (size < _candidateCount * 6)
        {
            size *= 2;
        }

        if (size != _nameKeys.Length)
        {
            _nameKeys = new ulong[size];
            _nameValues = new int[size];
        }
        else
        {
            Array.Clear(_nameKeys);
        }

        for (var c = 0; c < _candidateCount; c++)
        {
            ref readonly var entry = ref _entries[_candidates[c]];
            if (!AddName(entry.IdHash, c) || (entry.Alias1 != 0 && !AddName(entry.Alias1, c)) || (entry.Alias2 != 0 && !AddName(entry.Alias2, c)))
            {
                return false;
            }
        }

        return true;
    }

    private bool AddName(ulong hash, int candidate)
    {
        var mask = _nameKeys.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            if (_nameKeys[i] == hash)
            {
                return false;
            }

            if (_nameKeys[i] == 0)
            {
                _nameKeys[i] = hash;
                _nameValues[i] = candidate;
                return true;
            }
        }
    }

    /// <summary>The candidate named <paramref name="hash"/>, or -1 (the id is outside the unit).</summary>
    private int Named(ulong hash)
    {
        var mask = _nameKeys.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            if (_nameKeys[i] == hash)
            {
                return _nameValues[i];
            }

            if (_nameKeys[i] == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>
    /// No object reaches itself through the references the splitter follows (within the unit: an id outside it ends the
    /// path). Without a cycle the splitter's walk cuts nothing. Needs <see cref="NamesAreDistinct"/> first.
    /// </summary>
    private bool IsAcyclic()
    {
        if (_colour.Length < _candidateCount)
        {
            _colour = new byte[Math.Max(_candidateCount, _colour.Length * 2)];
        }

        Array.Clear(_colour, 0, _candidateCount);
        var edges = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_edges);
        for (var root = 0; root < _candidateCount; root++)
        {
            if (_colour[root] != 0)
            {
                continue;
            }

            var depth = 0;
            Push(ref depth, root);
            while (depth > 0)
            {
                ref var top = ref _stack[depth - 1];
                ref readonly var entry = ref _entries[_candidates[top.Node]];
                if (top.Next == entry.EdgeCount)
                {
                    _colour[top.Node] = 2;
                    depth--;
                    continue;
                }

                var next = Named(edges[entry.EdgeStart + top.Next]);
                top.Next++;
                if (next < 0 || _colour[next] == 2)
                {
                    continue;
                }

                if (_colour[next] == 1)
                {
                    return false;
                }

                Push(ref depth, next);
            }
        }

        return true;
    }

    private void Push(ref int depth, int node)
    {
        if (depth == _stack.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
        }

        _colour[node] = 1;
        _stack[depth++] = (node, 0);
    }

    private enum TypeKind
    {
        Other,
        Relationship,
        Sighting,
    }

    private struct Entry
    {
        public TransformedPage? Part;
        public int Index;
        public bool IsObject;
        public ulong IdHash;
        public ulong Alias1;
        public ulong Alias2;
        public int EdgeStart;
        public int EdgeCount;
        public int DependencyStart;
        public int DependencyCount;
    }
}
