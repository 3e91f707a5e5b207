using System.Buffers.Binary;
using System.Globalization;

namespace TaxiiConnector.Pipeline.Holding;

/// <summary>Where a held object's JSON lies in the spool.</summary>
internal readonly record struct SpoolLocation(long Segment, long Offset, int Length);

/// <summary>
/// The held objects of one collection on disk: one segment file per page that held objects, written whole to a
/// temporary file, flushed to disk, then renamed into place, so a segment is either complete or absent whatever the
/// crash. A segment is deleted once every object in it was released and the sink acknowledged it. Records are
/// <c>[int32 length][uint64 checksum][JSON]</c>; a record whose checksum does not match ends the segment's reading.
/// </summary>
internal sealed class HeldObjectSpool
{
    private const string Extension = ".held";
    private static readonly byte[] Magic = "TXHELD1\n"u8.ToArray();

    private readonly string _directory;
    private readonly Dictionary<long, int> _live = [];
    private readonly Lock _gate = new();
    private long _nextSegment;

    public HeldObjectSpool(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
    }

    public string Directory => _directory;

    /// <summary>Segments with objects not yet released and acknowledged.</summary>
    public int LiveSegments
    {
        get
        {
            lock (_gate)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>Every object still spooled, segment by segment in the order they were held.</summary>
    public IEnumerable<(SpoolLocation Location, byte[] Json)> Load()
    {
        if (!System.IO.Directory.Exists(_directory))
        {
            yield break;
        }

        foreach (var leftover in System.IO.Directory.EnumerateFiles(_directory, "*.tmp"))
        {
            // A segment whose write did not finish: its page was never committed, so the source sends it again.
            File.Delete(leftover);
        }

        var segments = System.IO.Directory.EnumerateFiles(_directory, "*" + Extension)
            .Select(path => (Path: path, Number: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(s => s.Number >= 0)
            .OrderBy(s => s.Number)
            .ToList();
        foreach (var (path, number) in segments)
        {
            _nextSegment = Math.Max(_nextSegment, number + 1);
            var bytes = File.ReadAllBytes(path);
            var records = 0;
            var offset = (long)Magic.Length;
            if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                continue;
            }

            while (offset + 12 <= bytes.Length)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)offset));
                var checksum = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)offset + 4));
                if (length < 0 || offset + 12 + length > bytes.Length || Checksum(bytes.AsSpan((int)offset + 12, length)) != checksum)
                {
                    break;
                }

                records++;
                yield return (new SpoolLocation(number, offset + 12, length), bytes.AsSpan((int)offset + 12, length).ToArray());
                offset += 12 + length;
            }

            if (records > 0)
            {
                lock (_gate)
                {
                    _live[number] = records;
                }
            }
            else
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Writes one segment with <paramref name="objects"/> and makes it durable before returning their locations.</summary>
    public IReadOnlyList<SpoolLocation> Write(IReadOnlyList<ReadOnlyMemory<byte>> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        System.IO.Directory.CreateDirectory(_directory);
        var number = _nextSegment++;
        var path = SegmentPath(number);
        var temp = path + ".tmp";
        var locations = new SpoolLocation[objects.Count];
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(Magic);
            Span<byte> header = stackalloc byte[12];
            for (var i = 0; i < objects.Count; i++)
            {
                var json = objects[i].Span;
                BinaryPrimitives.WriteInt32LittleEndian(header, json.Length);
                BinaryPrimitives.WriteUInt64LittleEndian(header[4..], Checksum(json));
                stream.Write(header);
                locations[i] = new SpoolLocation(number, stream.Position, json.Length);
                stream.Write(json);
            }

            // On disk before the rename makes it visible, and before the page's cursor may be committed.
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path);
        lock (_gate)
        {
            _live[number] = objects.Count;
        }

        return locations;
    }

    public byte[] Read(SpoolLocation location)
    {
        var buffer = new byte[location.Length];
        using var stream = new FileStream(SegmentPath(location.Segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = location.Offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>One object of the segment reached the sink: the segment goes once all of its objects did.</summary>
    public void Release(long segment)
    {
        lock (_gate)
        {
            if (!_live.TryGetValue(segment, out var live))
            {
                return;
            }

            if (live > 1)
            {
                _live[segment] = live - 1;
                return;
            }

            _live.Remove(segment);
        }

        File.Delete(SegmentPath(segment));
    }

    private string SegmentPath(long number) =>
        Path.Combine(_directory, number.ToString("D12", CultureInfo.InvariantCulture) + Extension);

    private static ulong Checksum(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
