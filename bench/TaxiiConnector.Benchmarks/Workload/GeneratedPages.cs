using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using TaxiiConnector.Testing.Generated;

namespace TaxiiConnector.Benchmarks.Workload;

/// <summary>
/// TAXII 2.1 envelopes of the generated collection built in memory, byte for byte what the project's server writes for
/// the same objects (same generator, same relaxed encoder), for the micro-benchmarks that must not touch the network.
/// </summary>
internal static class GeneratedPages
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static GeneratedTaxiiObjectStore CreateStore(long objects, ulong seed = 1) =>
        new(new GeneratedCollectionOptions { ObjectCount = objects, Seed = seed });

    /// <summary>The envelope holding objects [first, first + count) of <paramref name="store"/>.</summary>
    public static byte[] Envelope(GeneratedTaxiiObjectStore store, long first, int count)
    {
        var output = new ArrayBufferWriter<byte>(count * 1500);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("more"u8, first + count < store.Count);
            writer.WriteStartArray("objects"u8);
            for (var i = first; i < first + count; i++)
            {
                store.WriteObject(i, writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }
}
