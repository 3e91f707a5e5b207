using System.Buffers;
using System.Text.Json;

namespace TaxiiConnector.Taxii.Taxii2;

/// <summary>
/// A parsed response body. When the body was read whole into a rented buffer first, the document reads from that buffer
/// (it does not copy it), so the buffer goes back to the pool only after the document is disposed.
/// </summary>
internal sealed class ParsedBody : IDisposable
{
    private byte[]? _rented;

    public ParsedBody(JsonDocument document, byte[]? rented = null)
    {
        Document = document;
        _rented = rented;
    }

    public JsonDocument Document { get; }

    public void Dispose()
    {
        Document.Dispose();
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
