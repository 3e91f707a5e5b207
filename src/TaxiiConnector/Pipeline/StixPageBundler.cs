using System.Collections.Concurrent;
using System.Text.Json;
using TaxiiConnector.Dedup;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Pipeline.Cleanup;
using TaxiiConnector.Pipeline.Holding;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// The real page bundler: the source's <see cref="StixTransformer"/> (one per options instance, built once), then the
/// <see cref="StixBundleWriter"/>'s caps. The bundles own copies of their bytes, so the page can go as soon as this returns.
/// A large page is transformed as two halves on two threads and bundled as one sequence: the same bundles, in the same
/// order, as the whole page would give.
/// </summary>
internal sealed class StixPageBundler : IPageBundler
{
    private readonly ConcurrentDictionary<StixTransformerOptions, StixTransformer> _transformers = new(ReferenceEqualityComparer.Instance);
    private readonly StixBundleWriter _writer;
    private readonly ILogger<StixTransformer> _transformerLogger;
    private readonly TimeProvider _timeProvider;

    public StixPageBundler(StixBundleWriter writer, ILogger<StixTransformer> transformerLogger, TimeProvider timeProvider)
    {
        _writer = writer;
        _transformerLogger = transformerLogger;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Pages at least this long are transformed in two halves at once (the transformer is thread-safe and per object);
    /// below it, handing half a page to another thread costs more than it saves.
    /// </summary>
    internal const int DefaultSplitThreshold = 256;

    public PageBundles Bundle(SourcePage page, StixTransformerOptions options, ReferenceHolding? holding = null, CollectionDedup? dedup = null)
    {
        var transformer = Transformer(options);
        var parts = Transform(transformer, page.Objects);
        try
        {
            // Versions the sink already has are left out first, so they are neither held nor cleaned up; their ids
            // count as sent for the objects that reference them.
            var screening = dedup?.Screen(parts, page.Objects);

            // The platform's own client cleans every bundle before it sends it; here every page is, whatever the sink.
            var unit = PlatformUnitAssembler.Assemble(parts, holding);
            return BundleUnit(unit, holding, parts, screening);
        }
        finally
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }

    /// <summary>Held objects per bundling unit at the collection's end: about a page's worth at a time.</summary>
    internal const int HeldUnitObjects = 1000;

    public IEnumerable<PageBundles> BundleHeld(ReferenceHolding holding, StixTransformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(holding);
        var shared = Transformer(options).SharedObjects;
        var remaining = holding.TakeAll();
        for (var start = 0; start < remaining.Count; start += HeldUnitObjects)
        {
            var chunk = remaining.Skip(start).Take(HeldUnitObjects).ToList();
            yield return BundleUnit(PlatformUnitAssembler.AssembleReleased(chunk, holding, shared), holding, null, null);
        }
    }

    private StixTransformer Transformer(StixTransformerOptions options) =>
        _transformers.GetOrAdd(options, o => new StixTransformer(o, _transformerLogger, _timeProvider));

    private PageBundles BundleUnit(PlatformUnit unit, ReferenceHolding? holding, IReadOnlyList<TransformedPage>? transformed,
        PageScreening? screening)
    {
        var parts = unit.Parts;
        var bundles = new List<StixBundle>();
        try
        {
            bundles.AddRange(_writer.CreateBundles(parts));
            screening?.Seal(transformed!, parts, bundles.Count > 0);

            // Objects the writer could not fit in any bundle were counted by the transformer as written, then dropped.
            var objectsOut = 0;
            var dropped = new List<DroppedObject>();
            foreach (var part in parts)
            {
                objectsOut += part.ObjectsOut - part.CountDropped(DropReason.TooLarge);
                dropped.AddRange(part.Dropped);
            }

            var drops = Observability.PagePushed.CountDrops(dropped, 0);
            var duplicates = screening?.Duplicates ?? 0;
            if (duplicates > 0)
            {
                drops = new Dictionary<string, int>(drops, StringComparer.Ordinal) { [DropCategories.Duplicate] = duplicates };
            }

            var released = unit.Released;
            return new PageBundles(bundles, objectsOut, dropped.Count + duplicates, drops)
            {
                ReferencesCut = unit.ReferencesCut.Counts,
                Held = unit.Held,
                Committed = released.Count == 0 || holding is null ? null : () => holding.Acknowledge(released),
                Dedup = screening,
            };
        }
        catch
        {
            foreach (var bundle in bundles)
            {
                bundle.Dispose();
            }

            throw;
        }
        finally
        {
            unit.Rebuilt?.Dispose();
        }
    }

    internal int SplitThreshold { get; init; } = DefaultSplitThreshold;

    /// <summary>The page transformed whole, or as two halves in page order (the first on the pool, the second here).</summary>
    private TransformedPage[] Transform(StixTransformer transformer, IReadOnlyList<JsonElement> objects)
    {
        // Always when large enough: a variant that split only when the next page was already read (the fetch side
        // ahead) measured worse against the project's own server (see the s2-pipeline report).
        if (objects.Count < SplitThreshold || Environment.ProcessorCount < 2)
        {
            return [transformer.Transform(objects)];
        }

        var half = objects.Count / 2;
        var first = Task.Run(() => transformer.Transform(new ListSegment(objects, 0, half)));
        TransformedPage second;
        try
        {
            second = transformer.Transform(new ListSegment(objects, half, objects.Count - half), firstSourceIndex: half);
        }
        catch
        {
            // Both halves end before the page (and its document) can go.
            try
            {
                first.GetAwaiter().GetResult().Dispose();
            }
#pragma warning disable CA1031 // The second half's failure is the one reported.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }

        TransformedPage firstPart;
        try
        {
            firstPart = first.GetAwaiter().GetResult();
        }
        catch
        {
            second.Dispose();
            throw;
        }

        return [firstPart, second];
    }

    /// <summary>A window on the page's objects, so a half is transformed without copying the list.</summary>
    private sealed class ListSegment : IReadOnlyList<JsonElement>
    {
        private readonly IReadOnlyList<JsonElement> _items;
        private readonly int _offset;

        public ListSegment(IReadOnlyList<JsonElement> items, int offset, int count)
        {
            _items = items;
            _offset = offset;
            Count = count;
        }

        public int Count { get; }

        public JsonElement this[int index] => (uint)index < (uint)Count ? _items[_offset + index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<JsonElement> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _items[_offset + i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
