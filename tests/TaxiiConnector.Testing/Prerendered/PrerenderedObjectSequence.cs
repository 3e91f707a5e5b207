using System.Text.Json;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Testing.Prerendered;

/// <summary>
/// A sequence whose objects were rendered to JSON once, up front, into large byte chunks, each object followed by a comma.
/// A run of consecutive objects is then a run of consecutive bytes, so the server can copy a whole page out in a few large
/// blocks instead of generating every object per request. The bytes are exactly what <see cref="ITaxiiObjectSequence.WriteObject"/>
/// of the source writes. Costs about the serialised size of the collection in memory: the benchmark's server uses it so
/// that the CPU it shares with the measured connector goes to the connector.
/// </summary>
public sealed class PrerenderedObjectSequence : IContiguousObjectSequence
{
    /// <summary>Large enough that a 1,000-object page rarely spans two chunks; small enough to allocate easily.</summary>
    public const int DefaultChunkBytes = 32 * 1024 * 1024;

    private const int ChunkShift = 32;
    private const long OffsetMask = 0xFFFF_FFFFL;

    private readonly ITaxiiObjectSequence _source;
    private readonly byte[][] _chunks;

    // Where object i starts: (chunk << 32) | offset. Its JSON is _lengths[i] bytes, followed by a comma.
    private readonly long[] _starts;
    private readonly int[] _lengths;

    private PrerenderedObjectSequence(ITaxiiObjectSequence source, byte[][] chunks, long[] starts, int[] lengths, long renderedBytes)
    {
        _source = source;
        _chunks = chunks;
        _starts = starts;
        _lengths = lengths;
        RenderedBytes = renderedBytes;
    }

    /// <summary>Objects held rendered: the source's count when rendered. Objects appended to the source later are served from it.</summary>
    public long RenderedCount => _starts.Length;

    /// <summary>Bytes of the chunks (the objects' JSON, one comma each, and the unused tail of the last chunks).</summary>
    public long RenderedBytes { get; }

    public long Count => _source.Count;

    /// <summary>Renders every object the source holds now, in parallel over <paramref name="parallelism"/> contiguous parts.</summary>
    public static PrerenderedObjectSequence Render(ITaxiiObjectSequence source, int parallelism, CancellationToken cancellationToken) =>
        Render(source, parallelism, DefaultChunkBytes, cancellationToken);

    /// <summary>
    /// An upper estimate of what <see cref="Render(ITaxiiObjectSequence, int, CancellationToken)"/> would hold for
    /// <paramref name="source"/>, from the mean size of <paramref name="samples"/> objects spread evenly over it.
    /// </summary>
    public static long EstimateBytes(ITaxiiObjectSequence source, int parallelism, int samples = 1024)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var count = source.Count;
        if (count == 0)
        {
            return 0;
        }

        var taken = (int)Math.Min(samples, count);
        using var renderer = new ObjectRenderer();
        long sampled = 0;
        for (var k = 0; k < taken; k++)
        {
            sampled += renderer.Render(source, (long)((double)k * count / taken)).Length + 1;
        }

        // Mean size with a margin for the unsampled objects, the per-object index, and a partly used chunk per part.
        var perObject = ((double)sampled / taken * 1.1) + sizeof(long) + sizeof(int);
        return (long)Math.Min(long.MaxValue / 2, (perObject * count) + ((long)Math.Max(1, parallelism) * DefaultChunkBytes));
    }

    public static PrerenderedObjectSequence Render(ITaxiiObjectSequence source, int parallelism, int chunkBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1024);
        var count = source.Count;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(source), count, "Too many objects to render in memory.");
        }

        var starts = new long[count];
        var lengths = new int[count];
        var parts = (int)Math.Clamp(count / 1024, 1, parallelism);
        var partChunks = new List<byte[]>[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, part =>
        {
            var first = count * part / parts;
            var end = count * (part + 1) / parts;
            partChunks[part] = RenderPart(source, first, end, starts, lengths, chunkBytes, cancellationToken);
        });

        // Each part numbered its chunks from 0; make those numbers global.
        var chunks = new List<byte[]>();
        for (var part = 0; part < parts; part++)
        {
            var chunkBase = (long)chunks.Count << ChunkShift;
            for (var index = count * part / parts; index < count * (part + 1) / parts; index++)
            {
                starts[index] += chunkBase;
            }

            chunks.AddRange(partChunks[part]);
        }

        return new PrerenderedObjectSequence(source, [.. chunks], starts, lengths, chunks.Sum(c => (long)c.Length));
    }

    public long FirstIndexAddedAfter(DateTimeOffset addedAfter) => _source.FirstIndexAddedAfter(addedAfter);

    public DateTimeOffset GetDateAdded(long index) => _source.GetDateAdded(index);

    public string GetObjectType(long index) => _source.GetObjectType(index);

    public string GetObjectId(long index) => _source.GetObjectId(index);

    public string? GetObjectVersion(long index) => _source.GetObjectVersion(index);

    public void WriteObject(long index, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if ((ulong)index < (ulong)_starts.Length)
        {
            writer.WriteRawValue(Slice(index, index, includeLastComma: false).Span, skipInputValidation: true);
        }
        else
        {
            _source.WriteObject(index, writer);
        }
    }

    /// <summary>
    /// Adds to <paramref name="segments"/> the bytes of objects [<paramref name="start"/>, <paramref name="start"/> +
    /// <paramref name="count"/>) joined by commas, as few segments as the chunks allow; false when not all of them are rendered.
    /// </summary>
    public bool TryGetJoined(long start, int count, List<ReadOnlyMemory<byte>> segments)
    {
        if (start < 0 || count <= 0 || start + count > _starts.Length)
        {
            return false;
        }

        var end = start + count - 1;
        var runStart = start;
        for (var index = start; index <= end; index++)
        {
            if (index == end)
            {
                segments.Add(Slice(runStart, index, includeLastComma: false));
            }
            else if (_starts[index + 1] >> ChunkShift != _starts[runStart] >> ChunkShift)
            {
                segments.Add(Slice(runStart, index, includeLastComma: true));
                runStart = index + 1;
            }
        }

        return true;
    }

    private ReadOnlyMemory<byte> Slice(long first, long last, bool includeLastComma)
    {
        var chunk = _chunks[(int)(_starts[first] >> ChunkShift)];
        var from = (int)(_starts[first] & OffsetMask);
        var to = (int)(_starts[last] & OffsetMask) + _lengths[last] + (includeLastComma ? 1 : 0);
        return chunk.AsMemory(from, to - from);
    }

    private static List<byte[]> RenderPart(
        ITaxiiObjectSequence source, long first, long end, long[] starts, int[] lengths, int chunkBytes, CancellationToken cancellationToken)
    {
        var chunks = new List<byte[]>();
        using var renderer = new ObjectRenderer();
        byte[]? chunk = null;
        var used = 0;
        for (var index = first; index < end; index++)
        {
            if ((index & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var json = renderer.Render(source, index);
            if (chunk is null || used + json.Length + 1 > chunk.Length)
            {
                if (chunk is not null)
                {
                    chunks[^1] = Trim(chunk, used);
                }

                chunk = GC.AllocateUninitializedArray<byte>(Math.Max(chunkBytes, json.Length + 1));
                chunks.Add(chunk);
                used = 0;
            }

            starts[index] = ((long)(chunks.Count - 1) << ChunkShift) | (uint)used;
            lengths[index] = json.Length;
            json.CopyTo(chunk.AsSpan(used));
            used += json.Length;
            chunk[used++] = (byte)',';
        }

        if (chunk is not null)
        {
            chunks[^1] = Trim(chunk, used);
        }

        return chunks;
    }

    private static byte[] Trim(byte[] chunk, int used) => used == chunk.Length ? chunk : chunk.AsSpan(0, used).ToArray();

    /// <summary>One object's JSON, written as the envelope writer writes it (same encoder), into a reused buffer.</summary>
    private sealed class ObjectRenderer : IDisposable
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(16 * 1024);
        private readonly Utf8JsonWriter _writer;

        public ObjectRenderer()
        {
            _writer = new Utf8JsonWriter(_buffer, TaxiiObjectJson.WriterOptions);
        }

        public ReadOnlySpan<byte> Render(ITaxiiObjectSequence source, long index)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            source.WriteObject(index, _writer);
            _writer.Flush();
            return _buffer.WrittenSpan;
        }

        public void Dispose() => _writer.Dispose();
    }
}
