using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// The real page bundler: the source's <see cref="StixTransformer"/> (one per options instance, built once), then the
/// <see cref="StixBundleWriter"/>'s caps. The bundles own copies of their bytes, so the page can go as soon as this returns.
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

    public PageBundles Bundle(SourcePage page, StixTransformerOptions options)
    {
        var transformer = _transformers.GetOrAdd(options, o => new StixTransformer(o, _transformerLogger, _timeProvider));
        using var transformed = transformer.Transform(page.Objects);
        var bundles = new List<StixBundle>();
        try
        {
            bundles.AddRange(_writer.CreateBundles(transformed));
        }
        catch
        {
            foreach (var bundle in bundles)
            {
                bundle.Dispose();
            }

            throw;
        }

        // Objects the writer could not fit in any bundle were counted by the transformer as written, then dropped.
        var objectsOut = transformed.ObjectsOut - transformed.CountDropped(DropReason.TooLarge);
        return new PageBundles(bundles, objectsOut, transformed.Dropped.Count);
    }
}
