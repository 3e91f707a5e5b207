using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Tests.Support;

/// <summary>
/// Transformer options as the host configures them for a source whose section sets no object-processing key: built from
/// the section's declarations (the one place the defaults live), then changed by <c>configure</c>.
/// </summary>
internal static class TransformerDefaults
{
    public static StixTransformerOptions Create(Action<StixTransformerOptions>? configure = null)
    {
        var options = StixTransformerOptionsSetup.Create(Taxii2Options.SectionName, new TransformerSettings());
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The transformer options <paramref name="section"/>'s object-processing settings give.</summary>
    public static StixTransformerOptions From(Taxii2Options section) =>
        StixTransformerOptionsSetup.Create(Taxii2Options.SectionName, section.Transform);
}
