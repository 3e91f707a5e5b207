using System.Buffers;
using System.Text.Json;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// Writes a TAXII 2.1 envelope (§3.7) object by object, handing bytes to the output whenever a chunk is ready, so a page
/// is never assembled in memory. <c>objects</c> is left out of an empty page, as the spec asks.
/// </summary>
internal static class EnvelopeWriter
{
    private const int FlushThreshold = 32 * 1024;

    public static async ValueTask WriteAsync(
        IBufferWriter<byte> output,
        Func<CancellationToken, ValueTask> flushAsync,
        ITaxiiObjectSequence objects,
        ObjectPage page,
        bool more,
        string? next,
        CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(output, TaxiiObjectJson.WriterOptions);
        await using var writerDisposal = writer.ConfigureAwait(false);
        writer.WriteStartObject();
        writer.WriteBoolean("more"u8, more);
        if (next is not null)
        {
            writer.WriteString("next"u8, next);
        }

        var count = page.Indexes.Count;
        if (count > 0)
        {
            writer.WriteStartArray("objects"u8);
            for (var i = 0; i < count; i++)
            {
                objects.WriteObject(page.Indexes[i], writer);
                if (writer.BytesPending >= FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await flushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await flushAsync(cancellationToken).ConfigureAwait(false);
    }
}
