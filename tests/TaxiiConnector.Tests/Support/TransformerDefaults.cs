using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Sources.TaxiiPush;
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

    /// <summary>The push endpoint's transformer options, named per collection, as the host registers them.</summary>
    public static IOptionsMonitor<StixTransformerOptions> ForPush(TaxiiPushOptions section) =>
        new OptionsMonitor<StixTransformerOptions>(
            new OptionsFactory<StixTransformerOptions>([new PushTransformerOptionsSetup(section)], []), [], new OptionsCache<StixTransformerOptions>());

    /// <summary>The push transformer options for <paramref name="collectionId"/> (null: the section's own).</summary>
    public static StixTransformerOptions ForPushCollection(TaxiiPushOptions section, string? collectionId) =>
        ForPush(section).Get(PushTransformerOptionsSetup.NameOf(collectionId));

    /// <summary>The transformer options <paramref name="section"/>'s object-processing settings give.</summary>
    public static StixTransformerOptions From(Taxii2Options section) =>
        StixTransformerOptionsSetup.Create(Taxii2Options.SectionName, section.Transform);
}
