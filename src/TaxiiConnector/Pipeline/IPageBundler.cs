using TaxiiConnector.Pipeline.Holding;
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
    /// <summary>
    /// Bundles a page. <paramref name="holding"/>: the collection's objects held until their targets are sent (null:
    /// nothing is held). <paramref name="dedup"/>: leaves out what the sink already has (null: de-duplication off).
    /// </summary>
    PageBundles Bundle(SourcePage page, StixTransformerOptions options, ReferenceHolding? holding = null, CollectionDedup? dedup = null);

    /// <summary>At the collection's end: bundles of every object still held, targets first.</summary>
    IEnumerable<PageBundles> BundleHeld(ReferenceHolding holding, StixTransformerOptions options) => [];
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

    /// <summary>References and embedded entries the platform clean-up removed from the objects, by reason label.</summary>
    public IReadOnlyDictionary<string, long> ReferencesCut { get; init; } = new Dictionary<string, long>();

    /// <summary>Objects of the page held back until their targets are sent (not in <see cref="ObjectsOut"/> yet).</summary>
    public int Held { get; init; }

    /// <summary>Runs once the page's bundles were acknowledged and its cursor committed (releases spooled objects).</summary>
    public Action? Committed { get; init; }

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
