using System.Buffers;
using System.Text;
using TaxiiConnector.Stix.Buffers;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// The output of <see cref="StixTransformer.Transform"/> for one page: every kept (and generated) object as UTF-8 JSON in
/// one pooled buffer, addressable one by one so bundles are cut without parsing again; what was dropped and why; and
/// the objects every bundle must carry once (author identity, default marking definition).
/// Dispose it once its bundles were built: the bundles own copies.
/// </summary>
public sealed class TransformedPage : IDisposable
{
    private readonly PooledByteBufferWriter _buffer;
    private readonly PooledByteBufferWriter _ids;
    private readonly int _count;
    private ObjectSlot[] _slots;
    private readonly List<DroppedObject> _dropped;
    private readonly HashSet<string> _entityTypes;
    private int _excluded;

    internal TransformedPage(
        int objectsIn,
        PooledByteBufferWriter buffer,
        PooledByteBufferWriter ids,
        ObjectSlot[] slots,
        int count,
        List<DroppedObject> dropped,
        HashSet<string> entityTypes,
        IReadOnlyList<SharedStixObject> sharedObjects)
    {
        ObjectsIn = objectsIn;
        _buffer = buffer;
        _ids = ids;
        _slots = slots;
        _count = count;
        _dropped = dropped;
        _entityTypes = entityTypes;
        SharedObjects = sharedObjects;
    }

    /// <summary>Entries the page had.</summary>
    public int ObjectsIn { get; }

    /// <summary>Objects written out (kept objects plus generated notes).</summary>
    public int Count => _count;

    /// <summary>The objects that go to bundles: <see cref="Count"/> less those <see cref="Exclude"/>d.</summary>
    public int ObjectsOut => _count - _excluded;

    /// <summary>Entries dropped, by the transformer (invalid, filtered) or later by the bundle writer (too large).</summary>
    public IReadOnlyList<DroppedObject> Dropped => _dropped;

    /// <summary>The distinct STIX types of the written objects.</summary>
    public IReadOnlyCollection<string> EntityTypes => _entityTypes;

    /// <summary>Objects every bundle built from this page carries once, before the page's objects.</summary>
    public IReadOnlyList<SharedStixObject> SharedObjects { get; private set; }

    /// <summary>The UTF-8 JSON of object <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetObjectJson(int index)
    {
        var slot = Slot(index);
        return _buffer.WrittenSpan.Slice(slot.Offset, slot.Length);
    }

    /// <summary>The UTF-8 JSON of object <paramref name="index"/> as memory (valid until the page is disposed).</summary>
    public ReadOnlyMemory<byte> GetObjectMemory(int index)
    {
        var slot = Slot(index);
        return _buffer.WrittenMemory.Slice(slot.Offset, slot.Length);
    }

    public string GetObjectType(int index) => Slot(index).Type;

    /// <summary>The object's id (built on each call: the page keeps ids as UTF-8).</summary>
    public string GetObjectId(int index)
    {
        var slot = Slot(index);
        return slot.IdText ?? Encoding.UTF8.GetString(_ids.WrittenSpan.Slice(slot.IdOffset, slot.IdLength));
    }

    /// <summary>
    /// The object's id as UTF-8, without building a string; false when the producer escaped it (then only
    /// <see cref="GetObjectId"/> says what it is).
    /// </summary>
    public bool TryGetObjectIdUtf8(int index, out ReadOnlySpan<byte> id)
    {
        var slot = Slot(index);
        if (slot.IdText is not null)
        {
            id = default;
            return false;
        }

        id = _ids.WrittenSpan.Slice(slot.IdOffset, slot.IdLength);
        return true;
    }

    /// <summary>True when the object is one of <see cref="SharedObjects"/> (bundles carry those once, up front).</summary>
    public bool IsSharedObject(int index) => Slot(index).IsShared;

    /// <summary>True when bundles leave the object out: a shared object (carried up front) or an excluded one.</summary>
    internal bool IsLeftOut(int index)
    {
        var slot = Slot(index);
        return slot.IsShared || slot.IsExcluded;
    }

    /// <summary>True when <see cref="Exclude"/> left the object out.</summary>
    public bool IsExcluded(int index) => Slot(index).IsExcluded;

    /// <summary>Leaves object <paramref name="index"/> out of every bundle (the sink already has this version of it).</summary>
    public void Exclude(int index)
    {
        var slot = Slot(index);
        if (!slot.IsExcluded && !slot.IsShared)
        {
            _slots[index] = slot with { IsExcluded = true };
            _excluded++;
        }
    }

    /// <summary>Leaves a shared object out of the bundles (the sink already has this version of it).</summary>
    public void ExcludeSharedObject(SharedStixObject shared)
    {
        if (SharedObjects.Contains(shared))
        {
            SharedObjects = [.. SharedObjects.Where(item => !ReferenceEquals(item, shared))];
            _excludedSharedObjects = [.. _excludedSharedObjects, shared];
        }
    }

    /// <summary>
    /// Shared objects <see cref="ExcludeSharedObject"/> left out: the sink has them, so what references them (every object
    /// the author signs) need not wait for them.
    /// </summary>
    public IReadOnlyList<SharedStixObject> ExcludedSharedObjects => _excludedSharedObjects;

    private IReadOnlyList<SharedStixObject> _excludedSharedObjects = [];

    /// <summary>The position in the input page the object came from; -1 for generated objects (notes).</summary>
    public int GetSourceIndex(int index) => Slot(index).SourceIndex;

    /// <summary>
    /// For an object the connector made from one source object alone (the note keeping an indicator's original id), that
    /// object's position in the input page; -1 otherwise. Such an object changes only when its source object does.
    /// </summary>
    public int GetMadeFromSourceIndex(int index) => Slot(index).MadeFromPlusOne - 1;

    /// <summary>How many entries were dropped for <paramref name="reason"/>.</summary>
    public int CountDropped(DropReason reason)
    {
        var count = 0;
        foreach (var dropped in _dropped)
        {
            if (dropped.Reason == reason)
            {
                count++;
            }
        }

        return count;
    }

    internal void RecordDropped(DroppedObject dropped) => _dropped.Add(dropped);

    public void Dispose()
    {
        _buffer.Dispose();
        _ids.Dispose();
        var slots = _slots;
        _slots = [];
        if (slots.Length > 0)
        {
            // Slots hold strings: cleared, so the pool keeps nothing alive.
            ArrayPool<ObjectSlot>.Shared.Return(slots, clearArray: true);
        }
    }

    private ObjectSlot Slot(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        ObjectDisposedException.ThrowIf(_slots.Length == 0, this);
        return _slots[index];
    }

    /// <summary>
    /// One written object. Its id is UTF-8 in the page's id buffer, or <paramref name="IdText"/> when the producer escaped
    /// it (a string then, so <see cref="GetObjectId"/> returns exactly what the producer meant).
    /// </summary>
    internal readonly record struct ObjectSlot(
        int Offset, int Length, string Type, int IdOffset, int IdLength, string? IdText, bool IsShared, int SourceIndex)
    {
        /// <summary>Left out of the bundles by <see cref="Exclude"/>.</summary>
        public bool IsExcluded { get; init; }

        /// <summary><see cref="GetMadeFromSourceIndex"/> plus one, so a default slot is made from nothing.</summary>
        public int MadeFromPlusOne { get; init; }
    }
}

/// <summary>An object added once per bundle (the author identity, the default marking definition).</summary>
public sealed class SharedStixObject
{
    public SharedStixObject(string id, string type, ReadOnlyMemory<byte> json)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(type);
        Id = id;
        Type = type;
        Json = json;
    }

    public string Id { get; }

    public string Type { get; }

    /// <summary>The object's UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Json { get; }
}
