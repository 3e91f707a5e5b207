using System.Buffers;
using System.Text;
using TaxiiConnector.Stix.Buffers;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// Builds a <see cref="TransformedPage"/> from objects of other pages (kept as they are, rewritten, or read back from
/// elsewhere), so a stage after the transformer can drop, edit or add objects and still hand the bundle writer a page.
/// Not thread-safe; dispose it when <see cref="Build"/> was not called.
/// </summary>
public sealed class TransformedPageBuilder : IDisposable
{
    private readonly PooledByteBufferWriter _buffer;
    private readonly PooledByteBufferWriter _ids;
    private readonly List<DroppedObject> _dropped = [];
    private readonly HashSet<string> _entityTypes = new(StringComparer.Ordinal);
    private TransformedPage.ObjectSlot[] _slots;
    private int _count;
    private bool _built;

    public TransformedPageBuilder(int capacityBytes, int capacityObjects)
    {
        _buffer = new PooledByteBufferWriter(capacityBytes);
        _ids = new PooledByteBufferWriter(Math.Max(capacityObjects, 1) * 48);
        _slots = ArrayPool<TransformedPage.ObjectSlot>.Shared.Rent(Math.Max(capacityObjects, 1));
    }

    public int Count => _count;

    /// <summary>Object <paramref name="index"/> of <paramref name="source"/>, as it is.</summary>
    public void Add(TransformedPage source, int index)
    {
        ArgumentNullException.ThrowIfNull(source);
        Add(source.GetObjectJson(index), source, index);
    }

    /// <summary>Object <paramref name="index"/> of <paramref name="source"/> with new JSON (same id, type and origin).</summary>
    public void Add(ReadOnlySpan<byte> json, TransformedPage source, int index)
    {
        ArgumentNullException.ThrowIfNull(source);
        AddCore(json, source.GetObjectType(index), source.GetObjectId(index), source.IsSharedObject(index), source.GetSourceIndex(index),
            source.GetMadeFromSourceIndex(index));
    }

    /// <summary>An object from outside any page (e.g. read back from disk).</summary>
    public void Add(ReadOnlySpan<byte> json, string type, string id, int sourceIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(id);
        AddCore(json, type, id, isShared: false, sourceIndex, madeFrom: -1);
    }

    public void AddDropped(DroppedObject dropped) => _dropped.Add(dropped);

    /// <summary>The page; the builder's buffers now belong to it.</summary>
    public TransformedPage Build(int objectsIn, IReadOnlyList<SharedStixObject> sharedObjects)
    {
        ArgumentNullException.ThrowIfNull(sharedObjects);
        ObjectDisposedException.ThrowIf(_built, this);
        _built = true;
        return new TransformedPage(objectsIn, _buffer, _ids, _slots, _count, _dropped, _entityTypes, sharedObjects);
    }

    public void Dispose()
    {
        if (_built)
        {
            return;
        }

        _built = true;
        _buffer.Dispose();
        _ids.Dispose();
        ArrayPool<TransformedPage.ObjectSlot>.Shared.Return(_slots, clearArray: true);
    }

    private void AddCore(ReadOnlySpan<byte> json, string type, string id, bool isShared, int sourceIndex, int madeFrom)
    {
        ObjectDisposedException.ThrowIf(_built, this);
        if (_count == _slots.Length)
        {
            var grown = ArrayPool<TransformedPage.ObjectSlot>.Shared.Rent(_count * 2);
            _slots.AsSpan(0, _count).CopyTo(grown);
            ArrayPool<TransformedPage.ObjectSlot>.Shared.Return(_slots, clearArray: true);
            _slots = grown;
        }

        var start = _buffer.WrittenCount;
        _buffer.Write(json);
        var idOffset = _ids.WrittenCount;
        var idLength = Encoding.UTF8.GetByteCount(id);
        var written = Encoding.UTF8.GetBytes(id, _ids.GetSpan(idLength));
        _ids.Advance(written);
        _slots[_count++] = new TransformedPage.ObjectSlot(start, json.Length, type, idOffset, written, null, isShared, sourceIndex)
        {
            MadeFromPlusOne = madeFrom + 1,
        };
        _entityTypes.Add(type);
    }
}
