using System.Buffers;
using System.Text.Json;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Testing.Generated;

/// <summary>
/// Renders a page of a sequence as the server serves it, without HTTP: the benchmark's raw-parse baseline reads the
/// same bytes from memory. The envelope carries <c>more</c> but no <c>next</c> (cursors only mean something to a server).
/// Server tests compare these bytes with the server's, so the two writers cannot drift apart.
/// </summary>
public static class TaxiiEnvelopePages
{
    public static async ValueTask WritePageAsync(ITaxiiObjectSequence objects, long start, int count, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = Math.Min(objects.Count, start + count);
        var writer = new Utf8JsonWriter(output, TaxiiObjectJson.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("more"u8, end < objects.Count);
            if (end > start)
            {
                writer.WriteStartArray("objects"u8);
                for (var index = start; index < end; index++)
                {
                    objects.WriteObject(index, writer);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
