using System.Runtime.InteropServices;
using System.Text.Json;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>
/// Remembers which object versions (id, modified|created) one collection read has already returned, as 64-bit hashes of
/// the raw UTF-8 values, to tell a page with new content from a repeated one. Bounded: past the cap, objects count as
/// new (the page budget still bounds the loop).
/// </summary>
internal sealed class ObjectVersionTracker
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly HashSet<ulong> _seen = [];
    private readonly int _capacity;

    public ObjectVersionTracker(int capacity) => _capacity = Math.Max(0, capacity);

    /// <summary>Records the objects and returns how many of them were versions not seen before in this read.</summary>
    public int AddAll(IReadOnlyList<JsonElement> objects)
    {
        var fresh = 0;
        foreach (var item in objects)
        {
            if (Add(item))
            {
                fresh++;
            }
        }

        return fresh;
    }

    private bool Add(JsonElement item)
    {
        var hash = Hash(item);
        if (_seen.Contains(hash))
        {
            return false;
        }

        if (_seen.Count < _capacity)
        {
            _seen.Add(hash);
        }

        return true;
    }

    private static ulong Hash(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id))
        {
            return Fnv(FnvOffset, JsonMarshal.GetRawUtf8Value(item));
        }

        var hash = Fnv(FnvOffset, JsonMarshal.GetRawUtf8Value(id));
        hash = (hash ^ 0xFF) * FnvPrime;
        if (item.TryGetProperty("modified", out var version) || item.TryGetProperty("created", out version))
        {
            hash = Fnv(hash, JsonMarshal.GetRawUtf8Value(version));
        }

        return hash;
    }

    private static ulong Fnv(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return hash;
    }
}
