using System.IO.Hashing;
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
    private const long IdSeed = 0x5EED;

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
        if (_capacity == 0)
        {
            return true;
        }

        if (_seen.Count >= _capacity)
        {
            if (_seen.Contains(hash))
            {
                return false;
            }

            // Clear keeps the set's storage: the window restarts without allocating.
            _seen.Clear();
        }

        // One probe: Add is false when the version is already there.
        return _seen.Add(hash);
    }

    /// <summary>
    /// XxHash3 of the id's raw value, then of the version's raw value seeded with it: whole spans at a time, where a
    /// byte-at-a-time hash cost about as much as the probe. Names are compared as UTF-8, with no string built.
    /// </summary>
    private static ulong Hash(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id"u8, out var id))
        {
            return XxHash3.HashToUInt64(JsonMarshal.GetRawUtf8Value(item));
        }

        // The seed keeps "id with version v" apart from "id without a version".
        var hash = XxHash3.HashToUInt64(JsonMarshal.GetRawUtf8Value(id), seed: IdSeed);
        if (item.TryGetProperty("modified"u8, out var version) || item.TryGetProperty("created"u8, out version))
        {
            hash = XxHash3.HashToUInt64(JsonMarshal.GetRawUtf8Value(version), seed: (long)hash);
        }

        return hash;
    }
}
