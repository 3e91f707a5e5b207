using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
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

    // STIX patterns are full of quotes; the default encoder would send every ' as \u0027. This is an API body, never HTML.
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async ValueTask WriteAsync(
        IBufferWriter<byte> output,
        Func<CancellationToken, ValueTask> flushAsync,
        ITaxiiObjectSequence objects,
        ObjectPage page,
        bool more,
        string? next,
        InsertedObject? inserted,
        CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteBoolean("more"u8, more);
        if (next is not null)
        {
            writer.WriteString("next"u8, next);
        }

        var count = page.Indexes.Count;
        if (count > 0 || inserted is not null)
        {
            writer.WriteStartArray("objects"u8);
            var insertAt = inserted is null ? -1 : Math.Min(inserted.Position, count);
            for (var i = 0; i <= count; i++)
            {
                if (i == insertAt)
                {
                    writer.WriteRawValue(inserted!.Json, skipInputValidation: true);
                }

                if (i == count)
                {
                    break;
                }

                objects.WriteObject(page.Indexes[i], writer);
                if (writer.BytesPending >= FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken);
                    await flushAsync(cancellationToken);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await flushAsync(cancellationToken);
    }
}

/// <summary>An extra object written into a page at <see cref="Position"/> (fault injection).</summary>
internal sealed class InsertedObject
{
    public InsertedObject(int position, string json)
    {
        Position = position;
        Json = Encoding.UTF8.GetBytes(json);
    }

    public int Position { get; }

    public byte[] Json { get; }
}
