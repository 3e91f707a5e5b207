using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using TaxiiConnector.OpenCti.GraphQL;

namespace TaxiiConnector.OpenCti.Sinks;

/// <summary>
/// The body of one <c>stixBundlePush</c> call, written while it is sent: the bundle's UTF-8 bytes are escaped into the
/// GraphQL JSON a chunk at a time through one pooled buffer, so no copy of the bundle (escaped or not) is ever built. The
/// body is the platform's own Python client's, byte for byte: <c>{"query": …, "variables": {"connectorId": …, "bundle":
/// …, "work_id": …}}</c> with its separators and its ASCII-only escaping (<see cref="AsciiJsonEscaper"/>). Its length is
/// known up front (sent as Content-Length), and it can be sent again as long as the bundle's bytes live.
/// </summary>
internal sealed class BundlePushRequestContent : HttpContent
{
    /// <summary>Below the large-object heap's threshold, and large enough that a send is a few writes.</summary>
    private const int ChunkBytes = 64 * 1024;

    private static readonly byte[] QueryPrefix = "{\"query\": \""u8.ToArray();
    private static readonly byte[] ConnectorIdPrefix = "\", \"variables\": {\"connectorId\": \""u8.ToArray();
    private static readonly byte[] BundlePrefix = "\", \"bundle\": \""u8.ToArray();
    private static readonly byte[] NoWorkTail = "\", \"work_id\": null}}"u8.ToArray();

    private readonly byte[] _head;
    private readonly ReadOnlyMemory<byte> _bundle;
    private readonly byte[] _tail;
    private readonly long _length;

    public BundlePushRequestContent(string query, string connectorId, ReadOnlyMemory<byte> bundleJson, string? workId)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(connectorId);
        _head = [.. QueryPrefix, .. AsciiJsonEscaper.Escape(query), .. ConnectorIdPrefix, .. AsciiJsonEscaper.Escape(connectorId), .. BundlePrefix];
        _bundle = bundleJson;
        _tail = workId is null ? NoWorkTail : [.. "\", \"work_id\": \""u8, .. AsciiJsonEscaper.Escape(workId), .. "\"}}"u8];
        _length = _head.Length + AsciiJsonEscaper.EscapedLength(bundleJson.Span) + _tail.Length;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var remaining = _bundle;
            while (!remaining.IsEmpty)
            {
                var written = AsciiJsonEscaper.Escape(remaining.Span, buffer, out var consumed);
                await stream.WriteAsync(buffer.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                remaining = remaining[consumed..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await stream.WriteAsync(_tail, cancellationToken).ConfigureAwait(false);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(_head);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var remaining = _bundle.Span;
            while (!remaining.IsEmpty)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var written = AsciiJsonEscaper.Escape(remaining, buffer, out var consumed);
                stream.Write(buffer, 0, written);
                remaining = remaining[consumed..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        stream.Write(_tail);
    }
}
