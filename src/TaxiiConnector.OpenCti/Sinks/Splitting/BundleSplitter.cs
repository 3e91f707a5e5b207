using System.Buffers;
using System.Text.Json;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Sinks.Splitting;

/// <summary>
/// Cuts a serialised bundle into greedy chunks under a byte budget for <c>stixBundlePush</c> (one object per message for
/// the queue is <see cref="OneObjectBundles"/>).
/// </summary>
internal static class BundleSplitter
{
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
}
