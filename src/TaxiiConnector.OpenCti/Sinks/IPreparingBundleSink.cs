using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Sinks;

/// <summary>
/// A sink with work it can do before it is asked to push a bundle (splitting, encoding). The pipeline calls
/// <see cref="Prepare"/> on its fetch side as soon as a page is bundled, so that work overlaps the wait for the previous
/// page's acknowledgement instead of adding to it. Preparing publishes nothing and acknowledges nothing.
/// </summary>
public interface IPreparingBundleSink
{
    void Prepare(StixBundle bundle);
}
