using System.Buffers;
using System.Text.Json;

namespace TaxiiConnector.Taxii.Taxii2;

/// <summary>
/// A parsed response body. When the body was read whole into a rented buffer first, the document reads from that buffer
/// (it does not copy it), so the buffer goes back to the pool only after the document is disposed.
/// </summary>
internal sealed class ParsedBody : IDisposable
{
    /// <summary>
    /// Its own small pool rather than the shared one: a page is about a megabyte, and the shared pool keeps one array
    /// per thread and size besides its per-core stacks, which at this size is working set that grows with the threads
    /// that ever read a page. A few pages are in flight at a time (one held, one read ahead, one transformed).
    /// </summary>
    public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 16 * 1024 * 1024, maxArraysPerBucket: 4);

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
            Pool.Return(rented);
        }
    }
}
