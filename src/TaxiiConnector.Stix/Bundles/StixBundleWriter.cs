using System.Text;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Stix.Buffers;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Bundles;

/// <summary>
/// Cuts a <see cref="TransformedPage"/> into STIX 2.1 bundles
/// (<c>{"type":"bundle","id":"bundle--uuid4","spec_version":"2.1","objects":[...]}</c>) that respect both caps: each
/// object lands whole in exactly one bundle, no bundle is longer than <see cref="StixBundleWriterOptions.MaxBundleBytes"/>,
/// and the page's shared objects (author identity, default marking) open every bundle once.
/// The object bytes are copied as they are (no re-parse) into a buffer rented from the shared pool, returned when the
/// bundle is disposed.
/// </summary>
/// <remarks>
/// An object that cannot fit even alone is dropped, logged and recorded on the page (<see cref="DropReason.TooLarge"/>):
/// pushing it would break the byte limit the sink relies on (RabbitMQ's <c>max_message_size</c>, the API's body limit),
/// where it would fail anyway and, worse, block the page's cursor for ever.
/// </remarks>
public sealed class StixBundleWriter
{
    private static readonly byte[] Prefix = """{"type":"bundle","id":"bundle--"""u8.ToArray();
    private static readonly byte[] AfterId = "\",\"spec_version\":\"2.1\",\"objects\":["u8.ToArray();
    private static readonly byte[] Suffix = "]}"u8.ToArray();

    // Prefix + 36-char uuid + AfterId + Suffix.
    private static readonly int EnvelopeBytes = Prefix.Length + 36 + AfterId.Length + Suffix.Length;

    private readonly StixBundleWriterOptions _options;
    private readonly ILogger _logger;

    public StixBundleWriter(StixBundleWriterOptions options, ILogger<StixBundleWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.MaxBundleBytes < StixBundleWriterOptions.MinimumMaxBundleBytes)
        {
            throw new ArgumentException(
                $"connector.max_bundle_bytes (CONNECTOR_MAX_BUNDLE_BYTES) must be at least {StixBundleWriterOptions.MinimumMaxBundleBytes} (got {options.MaxBundleBytes}).",
                nameof(options));
        }

        if (options.MaxObjectsPerBundle < 1)
        {
            throw new ArgumentException($"The object cap per bundle must be at least 1 (got {options.MaxObjectsPerBundle}).", nameof(options));
        }

        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// The page's bundles, in page order, built lazily one at a time (keep the page undisposed while enumerating).
    /// Each bundle owns its bytes: dispose it once the sink acknowledged it, before or after the page.
    /// Objects too large for any bundle are recorded in <see cref="TransformedPage.Dropped"/> as the enumeration passes them.
    /// </summary>
    public IEnumerable<StixBundle> CreateBundles(TransformedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Enumerate(new PageParts([page]));
    }

    /// <summary>
    /// The bundles of consecutive parts of one page (transformed separately by the same transformer), cut exactly as if
    /// the parts were one <see cref="TransformedPage"/>: same order, same caps, a bundle may span two parts. The first
    /// part's shared objects open every bundle. A too-large object is recorded on the part it belongs to.
    /// </summary>
    public IEnumerable<StixBundle> CreateBundles(IReadOnlyList<TransformedPage> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            return [];
        }

        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
        }

        return Enumerate(new PageParts(parts));
    }

    private IEnumerable<StixBundle> Enumerate(PageParts page)
    {
        var shared = page.SharedObjects;
        // Shared objects come first, comma-separated; each page object then adds its length plus one comma.
        var sharedBytes = shared.Count > 0 ? shared.Count - 1 : 0;
        foreach (var item in shared)
        {
            sharedBytes += item.Json.Length;
        }

        var fixedBytes = EnvelopeBytes + sharedBytes;
        var index = 0;
        while (index < page.Count)
        {
            var first = index;
            var total = fixedBytes;
            var objects = 0;
            var pageObjects = 0;
            for (; index < page.Count && pageObjects < _options.MaxObjectsPerBundle; index++)
            {
                var (part, local) = page.Locate(index);
                if (part.IsLeftOut(local))
                {
                    continue;
                }

                var length = part.GetObjectJson(local).Length;
                var separator = objects + shared.Count > 0 ? 1 : 0;
                if ((long)total + length + separator <= _options.MaxBundleBytes)
                {
                    total += length + separator;
                    objects++;
                    pageObjects++;
                    continue;
                }

                if (objects > 0)
                {
                    break;
                }

                // Alone it does not fit: it never will.
                var id = part.GetObjectId(local);
                Log.ObjectTooLarge(_logger, id, part.GetObjectType(local), length, _options.MaxBundleBytes);
                part.RecordDropped(new DroppedObject(part.GetSourceIndex(local), id, DropReason.TooLarge,
                    $"{length} bytes, above the bundle cap of {_options.MaxBundleBytes}"));
                first = index + 1;
            }

            if (objects == 0)
            {
                continue;
            }

            yield return Build(page, shared, first, index, total, objects);
        }
    }

    private static StixBundle Build(PageParts page, IReadOnlyList<SharedStixObject> shared, int from, int to, int total, int pageObjects)
    {
        var array = PageBufferPool.Bytes.Rent(total);
        var span = array.AsSpan();
        var id = Guid.NewGuid().ToString("D");
        var position = 0;
        Append(span, ref position, Prefix);
        position += Encoding.ASCII.GetBytes(id, span[position..]);
        Append(span, ref position, AfterId);

        var types = new List<string>(8);
        var first = true;
        foreach (var item in shared)
        {
            AppendObject(span, ref position, item.Json.Span, ref first);
            AddType(types, item.Type);
        }

        var written = 0;
        var generated = 0;
        for (var i = from; i < to; i++)
        {
            var (part, local) = page.Locate(i);
            if (part.IsLeftOut(local))
            {
                continue;
            }

            AppendObject(span, ref position, part.GetObjectJson(local), ref first);
            AddType(types, part.GetObjectType(local));
            written++;
            if (part.GetSourceIndex(local) < 0)
            {
                generated++;
            }
        }

        Append(span, ref position, Suffix);
        if (written != pageObjects || position != total)
        {
            PageBufferPool.Bytes.Return(array);
            throw new InvalidOperationException($"Bundle size accounting is off: {position} bytes written, {total} planned.");
        }

        return new StixBundle("bundle--" + id, array.AsMemory(0, position), shared.Count + written, types,
            () => PageBufferPool.Bytes.Return(array))
        {
            AddedObjectCount = shared.Count + generated,
            SharedObjectCount = shared.Count,
        };
    }

    private static void AppendObject(Span<byte> span, ref int position, ReadOnlySpan<byte> json, ref bool first)
    {
        if (!first)
        {
            span[position++] = (byte)',';
        }

        first = false;
        Append(span, ref position, json);
    }

    private static void Append(Span<byte> span, ref int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[position..]);
        position += bytes.Length;
    }

    private static void AddType(List<string> types, string type)
    {
        if (!types.Contains(type))
        {
            types.Add(type);
        }
    }

    /// <summary>Consecutive transformed parts of one page, addressed as one sequence of objects.</summary>
    private readonly struct PageParts
    {
        private readonly IReadOnlyList<TransformedPage> _parts;

        public PageParts(IReadOnlyList<TransformedPage> parts)
        {
            _parts = parts;
            var count = 0;
            foreach (var part in parts)
            {
                count += part.Count;
            }

            Count = count;
        }

        public int Count { get; }

        public IReadOnlyList<SharedStixObject> SharedObjects => _parts[0].SharedObjects;

        public (TransformedPage Part, int Local) Locate(int index)
        {
            for (var i = 0; i < _parts.Count - 1; i++)
            {
                var part = _parts[i];
                if (index < part.Count)
                {
                    return (part, index);
                }

                index -= part.Count;
            }

            return (_parts[^1], index);
        }
    }
}
