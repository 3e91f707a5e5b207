using System.Buffers;
using System.Text.Json;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Sinks.Splitting;

/// <summary>
/// Cuts a serialised bundle the way the platform's workers want it: one object per bundle, ordered by how many objects
/// of the bundle each one depends on (pycti's <c>OpenCTIStix2Splitter</c>: referenced objects first), or greedy chunks
/// under a byte budget for <c>stixBundlePush</c>.
/// </summary>
internal static class BundleSplitter
{
    /// <summary>A chain of references longer than this is counted as ending there (no unbounded recursion on hostile input).</summary>
    private const int MaxDependencyDepth = 256;

    /// <summary>
    /// One single-object bundle per distinct object id (the last occurrence wins), in ascending dependency count:
    /// <c>{"type":"bundle","id":...,"spec_version":"2.1","x_opencti_seq":n,"objects":[obj]}</c>.
    /// </summary>
    public static IReadOnlyList<byte[]> SplitPerObject(StixBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        using var document = JsonDocument.Parse(bundle.Json);
        var objects = ReadObjects(document);
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < objects.Count; i++)
        {
            if (TryGetString(objects[i], "id", out var id))
            {
                byId[id] = i;
            }

            if (TryGetString(objects[i], "x_opencti_id", out var openCtiId))
            {
                byId.TryAdd(openCtiId, i);
            }
        }

        var kept = new List<int>(objects.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            // Duplicate ids collapse to their last occurrence; objects without an id are kept as they are.
            if (!TryGetString(objects[i], "id", out var id) || byId[id] == i)
            {
                kept.Add(i);
            }
        }

        var memo = new int?[objects.Count];
        var ancestors = new HashSet<int>();
        var ordered = kept
            .Select(index => (Index: index, Deps: CountDependencies(index, objects, byId, memo, ancestors, 0)))
            .OrderBy(item => item.Deps)
            .ToList();

        var result = new List<byte[]>(ordered.Count);
        foreach (var (index, deps) in ordered)
        {
            result.Add(WriteBundle(bundle.Id, deps, [objects[index]]));
        }

        return result;
    }

    /// <summary>
    /// The bundle itself when it fits in <paramref name="maxBytes"/>; otherwise consecutive chunks of its objects, each
    /// under the budget (an object bigger than the budget goes alone).
    /// </summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Chunk(StixBundle bundle, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.Json.Length <= maxBytes)
        {
            return [bundle.Json];
        }

        using var document = JsonDocument.Parse(bundle.Json);
        var objects = ReadObjects(document);
        var chunks = new List<ReadOnlyMemory<byte>>();
        var current = new List<JsonElement>();
        const int envelopeBytes = 128;
        var currentBytes = envelopeBytes;
        foreach (var item in objects)
        {
            var size = item.GetRawText().Length + 1;
            if (current.Count > 0 && currentBytes + size > maxBytes)
            {
                chunks.Add(WriteBundle(bundle.Id, null, current));
                current.Clear();
                currentBytes = envelopeBytes;
            }

            current.Add(item);
            currentBytes += size;
        }

        if (current.Count > 0)
        {
            chunks.Add(WriteBundle(bundle.Id, null, current));
        }

        return chunks;
    }

    private static List<JsonElement> ReadObjects(JsonDocument document)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("objects"u8, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The bundle has no objects array.");
        }

        return array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).ToList();
    }

    private static int CountDependencies(
        int index,
        List<JsonElement> objects,
        Dictionary<string, int> byId,
        int?[] memo,
        HashSet<int> ancestors,
        int depth)
    {
        if (memo[index] is { } known)
        {
            return known;
        }

        if (depth >= MaxDependencyDepth || !ancestors.Add(index))
        {
            return 1;
        }

        var count = 1;
        foreach (var reference in References(objects[index]))
        {
            if (byId.TryGetValue(reference, out var target) && target != index && !ancestors.Contains(target))
            {
                count = checked(count + CountDependencies(target, objects, byId, memo, ancestors, depth + 1));
            }
        }

        ancestors.Remove(index);
        memo[index] = count;
        return count;
    }

    private static IEnumerable<string> References(JsonElement item)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name.EndsWith("_ref", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                yield return property.Value.GetString()!;
            }
            else if (property.Name.EndsWith("_refs", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var reference in property.Value.EnumerateArray())
                {
                    if (reference.ValueKind == JsonValueKind.String)
                    {
                        yield return reference.GetString()!;
                    }
                }
            }
        }
    }

    private static byte[] WriteBundle(string bundleId, int? sequence, IEnumerable<JsonElement> objects)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "bundle"u8);
            writer.WriteString("id"u8, bundleId);
            writer.WriteString("spec_version"u8, "2.1"u8);
            if (sequence is { } seq)
            {
                writer.WriteNumber("x_opencti_seq"u8, seq);
            }

            writer.WriteStartArray("objects"u8);
            foreach (var item in objects)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool TryGetString(JsonElement item, string name, out string value)
    {
        if (item.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
        {
            value = property.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }
}
