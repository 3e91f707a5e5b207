using System.Runtime.InteropServices;
using System.Text.Json;
using TaxiiConnector.Primitives;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>
/// Remembers which object versions (id, modified|created) one collection read has already returned, as 64-bit hashes of
/// the raw UTF-8 values, to tell a page with new content from a repeated one. Bounded: a window of the most recent
/// versions, restarted when full, so memory stays flat however large the collection (a set of every version of a
/// 1,000,000-object read held ~45 MB of working set); a repeat is then caught at most one page late, and the page budget
/// still bounds any loop longer than the window.
/// </summary>
internal sealed class ObjectVersionTracker
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly UInt64HashSet _seen = new();
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

        if (_capacity == 0)
        {
            return true;
        }

        if (_seen.Count >= _capacity)
        {
            // Clear keeps the set's storage: the window restarts without allocating.
            _seen.Clear();
        }

        _seen.Add(hash);

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
