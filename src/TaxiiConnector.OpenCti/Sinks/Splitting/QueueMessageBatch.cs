using TaxiiConnector.OpenCti.Amqp;
using TaxiiConnector.Stix.Buffers;

namespace TaxiiConnector.OpenCti.Sinks.Splitting;

/// <summary>The queue message bodies of one push, back to back in one pooled buffer (returned on <see cref="Dispose"/>).</summary>
internal sealed class QueueMessageBatch : IDisposable
{
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private byte[]? _buffer;

    private QueueMessageBatch(byte[] buffer, int[] starts, int[] lengths, int largest)
    {
        _buffer = buffer;
        _starts = starts;
        _lengths = lengths;
        LargestBody = largest;
    }

    public int Count => _starts.Length;

    /// <summary>The longest body's length in bytes.</summary>
    public int LargestBody { get; }

    public ReadOnlyMemory<byte> Body(int index)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        return _buffer.AsMemory(_starts[index], _lengths[index]);
    }

    /// <summary>One body per selected piece, numbered 1, 2, … in that order (pycti's <c>action_sequence</c>).</summary>
    public static QueueMessageBatch Build(OneObjectBundles pieces, IReadOnlyList<int> selected, QueueMessageEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(envelope);
        var total = 0L;
        for (var n = 0; n < selected.Count; n++)
        {
            total += envelope.Length(n + 1, pieces.Base64Content(selected[n]).Length);
        }

        var buffer = PageBufferPool.Bytes.Rent(checked((int)Math.Max(1, total)));
        var starts = new int[selected.Count];
        var lengths = new int[selected.Count];
        var position = 0;
        var largest = 0;
        for (var n = 0; n < selected.Count; n++)
        {
            var written = envelope.Write(buffer.AsSpan(position), n + 1, pieces.Base64Content(selected[n]));
            starts[n] = position;
            lengths[n] = written;
            largest = Math.Max(largest, written);
            position += written;
        }

        return new QueueMessageBatch(buffer, starts, lengths, largest);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            PageBufferPool.Bytes.Return(buffer);
        }
    }
}
