namespace TaxiiConnector.Pipeline.Holding;

/// <summary>
/// A 64-bit hash of a STIX id: what the run remembers of an id instead of the id itself (8 bytes instead of ~100).
/// Two ids sharing a hash (about 1 in 10^7 over a million ids) only make one reference look already sent, which is how
/// every reference was treated before objects were held at all.
/// </summary>
internal static class IdHash
{
    public static ulong Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);

        // FNV-1a over the UTF-16 code units, then a full avalanche so the low bits (the set's slot) use every input bit.
        var hash = Offset;
        foreach (var c in id)
        {
            hash = (hash ^ c) * Prime;
        }

        return Finish(hash);
    }

    /// <summary>
    /// The same hash as <see cref="Of(string)"/> for the id whose unescaped UTF-8 is <paramref name="utf8"/>, without
    /// building the string: an ASCII byte is the UTF-16 code unit it decodes to; anything else is decoded first.
    /// </summary>
    public static ulong OfUtf8(ReadOnlySpan<byte> utf8)
    {
        var hash = Offset;
        foreach (var b in utf8)
        {
            if (b >= 0x80)
            {
                return Of(System.Text.Encoding.UTF8.GetString(utf8));
            }

            hash = (hash ^ b) * Prime;
        }

        return Finish(hash);
    }

    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private static ulong Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;

        // 0 marks an empty slot in IdHashSet.
        return hash == 0 ? 1 : hash;
    }
}

/// <summary>
/// A set of id hashes in one open-addressing array: 8 bytes per slot, at most three quarters full, so a million ids cost
/// at most 16 MiB (between 10.7 and 16 MiB depending on where the doubling lands; the old array lives on while it doubles).
/// Half full, the 1.4 million ids of a million-object run took 32 MiB (48 MiB while doubling).
/// </summary>
internal sealed class IdHashSet
{
    private ulong[] _slots = new ulong[1024];

    public int Count { get; private set; }

    /// <summary>Bytes the set holds on to.</summary>
    public long Bytes => _slots.Length * sizeof(ulong);

    public bool Contains(ulong hash)
    {
        var mask = _slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
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

    public bool Add(ulong hash)
    {
        if ((long)(Count + 1) * 4 > (long)_slots.Length * 3)
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

    private static bool Insert(ulong[] slots, ulong hash)
    {
        var mask = slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            if (slots[i] == hash)
            {
                return false;
            }

            if (slots[i] == 0)
            {
                slots[i] = hash;
                return true;
            }
        }
    }

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
