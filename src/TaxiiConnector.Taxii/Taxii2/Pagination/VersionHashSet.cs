namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>
/// A set of 64-bit hashes in one open-addressing array (8 bytes a slot, at most four fifths full, so the default window
/// of 100,000 versions fits 131,072 slots: 1 MiB against about 3 MB for a <see cref="HashSet{T}"/> of them). Zero is
/// stored as one, which only merges two hashes that already collide one time in 2^63.
/// </summary>
internal sealed class VersionHashSet
{
    private ulong[] _slots = new ulong[256];

    public int Count { get; private set; }

    /// <summary>Adds the hash; false when it was already there.</summary>
    public bool Add(ulong hash)
    {
        hash = hash == 0 ? 1 : hash;
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
        hash = hash == 0 ? 1 : hash;
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

    /// <summary>The slot a probe starts at: the hash's top bits after a multiply (FNV's low bits are its weakest).</summary>
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
