namespace TaxiiConnector.Primitives;

/// <summary>
/// A set of 64-bit hashes in one open-addressing array: 8 bytes a slot, at most four fifths full, so a set costs 10 to
/// 16 bytes an entry where a <see cref="HashSet{T}"/> of them costs about 30 (the old array lives on while it doubles).
/// Zero marks an empty slot, so a zero hash is stored as one: that only merges two hashes that already collide one time
/// in 2^63. Not thread-safe.
/// </summary>
public sealed class UInt64HashSet
{
    private ulong[] _slots = new ulong[256];

    public int Count { get; private set; }

    /// <summary>Bytes the set holds on to.</summary>
    public long Bytes => _slots.Length * sizeof(ulong);

    /// <summary>Adds the hash; false when it was already there.</summary>
    public bool Add(ulong hash)
    {
        hash = NonZero(hash);
        if ((long)(Count + 1) * 5 > (long)_slots.Length * 4)
        {
            Grow();
        }

        if (!Insert(_slots, hash))
        {
            return false;
        }

        Count++;
        return true;
    }

    public bool Contains(ulong hash)
    {
        hash = NonZero(hash);
        var mask = _slots.Length - 1;
        for (var i = Home(hash, _slots.Length); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == hash)
            {
                return true;
            }

            if (slot == 0)
            {
                return false;
            }
        }
    }

    /// <summary>Empties the set and keeps its storage.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        Count = 0;
    }

    private static ulong NonZero(ulong hash) => hash == 0 ? 1 : hash;

    private static bool Insert(ulong[] slots, ulong hash)
    {
        var mask = slots.Length - 1;
        for (var i = Home(hash, slots.Length); ; i = (i + 1) & mask)
        {
            var slot = slots[i];
            if (slot == hash)
            {
                return false;
            }

            if (slot == 0)
            {
                slots[i] = hash;
                return true;
            }
        }
    }

    /// <summary>The slot a probe starts at: the hash's top bits after a multiply, so a hash with weak low bits still spreads.</summary>
    private static int Home(ulong hash, int length) =>
        (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - System.Numerics.BitOperations.Log2((uint)length)));

    private void Grow()
    {
        var next = new ulong[_slots.Length * 2];
        foreach (var slot in _slots)
        {
            if (slot != 0)
            {
                Insert(next, slot);
            }
        }

        _slots = next;
    }
}
