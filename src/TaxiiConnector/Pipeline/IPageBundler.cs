using TaxiiConnector.Dedup;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// Turns one source page into the bundles to push (transform, then split by the bundle caps). The seam between the
/// run's fetch side and its push side, so the run's ordering and commit rules are tested without the transformer.
/// </summary>
internal interface IPageBundler
{
    PageBundles Bundle(SourcePage page, StixTransformerOptions options);

    /// <summary>
    /// As <see cref="Bundle(SourcePage, StixTransformerOptions)"/>, leaving out what <paramref name="dedup"/> says the sink
    /// already has (when not null).
    /// </summary>
    PageBundles Bundle(SourcePage page, StixTransformerOptions options, CollectionDedup? dedup) => Bundle(page, options);
}

/// <summary>What one page became: bundles that own their buffers (the page may be disposed), and the counts.</summary>
internal sealed class PageBundles : IDisposable
{
    public PageBundles(IReadOnlyList<StixBundle> bundles, int objectsOut, int dropped, IReadOnlyDictionary<string, int>? dropReasons = null)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        Bundles = bundles;
        ObjectsOut = objectsOut;
        Dropped = dropped;
        DropReasons = dropReasons ?? new Dictionary<string, int>();
    }

    public IReadOnlyList<StixBundle> Bundles { get; }

    /// <summary>Objects written into the bundles (the author identity and generated notes included).</summary>
    public int ObjectsOut { get; }

    /// <summary>Objects of the page the transformer dropped (filters and invalid objects).</summary>
    public int Dropped { get; }

    /// <summary><see cref="Dropped"/> by reason label (for the dropped-objects metric).</summary>
    public IReadOnlyDictionary<string, int> DropReasons { get; }

    /// <summary>De-duplication's view of the page (null when off): its versions are recorded once the sink acknowledged it.</summary>
    public PageScreening? Dedup { get; init; }

    public void Dispose()
    {
        foreach (var bundle in Bundles)
        {
            bundle.Dispose();
        }
    }
}
