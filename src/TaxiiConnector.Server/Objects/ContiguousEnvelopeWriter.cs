using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// The fast path of Get Objects for an unfiltered page of an <see cref="IContiguousObjectSequence"/>: the envelope's
/// head, then the page's bytes as the sequence holds them (commas included), then its tail, with a Content-Length. The
/// body is byte for byte what <see cref="EnvelopeWriter"/> writes for the same page; only the framing differs (no chunked
/// transfer encoding, because the length is known before the first byte).
/// </summary>
internal static class ContiguousEnvelopeWriter
{
    private static ReadOnlySpan<byte> Tail => "]}"u8;

    /// <summary>The page's bytes when it can take the fast path; null otherwise (filtered or unserialised objects, empty pages).</summary>
    public static List<ReadOnlyMemory<byte>>? TryGetBody(ITaxiiObjectSequence objects, ObjectPage page)
    {
        if (objects is not IContiguousObjectSequence contiguous || page.Indexes is not IndexRange { Count: > 0 } range)
        {
            return null;
        }

        var segments = new List<ReadOnlyMemory<byte>>(2);
        return contiguous.TryGetJoined(range.Start, range.Count, segments) ? segments : null;
    }

    public static async Task WriteAsync(HttpResponse response, List<ReadOnlyMemory<byte>> body, bool more, string? next, CancellationToken cancellationToken)
    {
        var head = Head(more, next);
        long length = head.Length + Tail.Length;
        foreach (var segment in body)
        {
            length += segment.Length;
        }

        response.ContentLength = length;

        // The whole response goes into the output pipe first and leaves with one flush: one send for the page, one wake-up.
        var output = response.BodyWriter;
        output.Write(head);
        foreach (var segment in body)
        {
            output.Write(segment.Span);
        }

        output.Write(Tail);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>{"more":…,"next":…,"objects":[</c>, written by the same writer and options as the streaming path.</summary>
    private static byte[] Head(bool more, string? next)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, TaxiiObjectJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("more"u8, more);
            if (next is not null)
            {
                writer.WriteString("next"u8, next);
            }

            writer.WriteStartArray("objects"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
