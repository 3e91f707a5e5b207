namespace TaxiiConnector.Taxii.Resilience;

/// <summary>
/// A read-only pass-through stream that fails once more than a set number of bytes was read, so a server that streams
/// without end (or a page far larger than any sane one) cannot exhaust memory.
/// </summary>
internal sealed class SizeLimitedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maxBytes;
    private long _read;

    public SizeLimitedReadStream(Stream inner, long maxBytes)
    {
        _inner = inner;
        _maxBytes = maxBytes;
    }

    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await _inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > _maxBytes)
        {
            throw new ResponseTooLargeException(_maxBytes);
        }

        return read;
    }
}

/// <summary>Raised by <see cref="SizeLimitedReadStream"/>; the client turns it into a non-transient protocol error.</summary>
internal sealed class ResponseTooLargeException : IOException
{
    public ResponseTooLargeException(long maxBytes)
        : base($"The response is larger than the {maxBytes}-byte cap.")
    {
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }
}
